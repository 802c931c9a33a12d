"""MAM as a cluster on one machine: `make cluster`, and its loss test `make cluster-check`."""
