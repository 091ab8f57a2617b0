from tqrs.cli import main

raise SystemExit(main())
