import sys

from extract.parallel import start_workers_early

# Before the command's imports, so that the workers' start-up runs beside them.
start_workers_early(sys.argv[1:])

from extract.cli import main  # noqa: E402

sys.exit(main())
