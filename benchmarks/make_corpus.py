"""Generate a benchmark corpus: a thin wrapper over :mod:`toolkit.corpus`.

    python benchmarks/make_corpus.py --n 1000 --seed 1 --out /tmp/corpus-1000
    python benchmarks/make_corpus.py --large 50 --seed 1 --out /tmp/corpus-large
"""

from toolkit.corpus import main

if __name__ == "__main__":
    main()
