"""Backups that restore: the database (pg_dump) and both file storages, with a manifest of
SHA-256 checksums, written to a folder and restored from it into an empty database and store."""
