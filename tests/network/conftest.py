from tests.stories.conftest import sources  # noqa: F401  (the stories' registry sources, for the board)
