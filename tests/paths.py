"""Where the tests find the repository, their data and the seed page, wherever a test file lives."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = REPO_ROOT / "tests" / "data"
SEED_PAGE = TEST_DATA / "seed" / "000_8aac8c89aa2f2ebc.txt"
