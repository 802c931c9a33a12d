"""Static files for the cluster: production's hashed names, without precompressed copies.

nginx serves /static/ in the cluster and compresses on the fly, so WhiteNoise's gzip and
Brotli copies would only cost `collectstatic` minutes on a busy machine.
"""

from config.storage import StaticFilesStorage as ProductionStaticFilesStorage


class StaticFilesStorage(ProductionStaticFilesStorage):
    def compress_files(self, paths):
        return iter(())
