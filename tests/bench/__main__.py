from tests.bench.runner import main

main()
