"""`newsevents bench --merge`: merging synthetic mentions in one call, timed (issue 7:
100,000 mentions under a minute; the figure is measured by the command, not here)."""

from click.testing import CliRunner

from newsevents.cli import main
from newsevents.merge_bench import run_merge_bench, synthetic_mentions


def test_synthetic_mentions_are_varied_and_repeatable():
    first, again = synthetic_mentions(400), synthetic_mentions(400)
    assert [m.place for m in first] == [m.place for m in again]
    assert len({m.place.iso3 for m in first if m.place}) == 3
    assert len({m.date.date for m in first}) > 300
    assert len({m.source.article_id for m in first}) == 100


def test_the_merge_bench_merges_every_mention_once():
    bench = run_merge_bench(3000)
    assert bench.mentions == 3000
    # Scattered over three countries and three years, most mentions stay alone, but
    # some are close enough in place, day and actor to join.
    assert 2000 < bench.events < 3000
    assert bench.seconds > 0 and bench.peak_mb > 0


def test_the_command_prints_seconds_and_memory():
    result = CliRunner().invoke(main, ["bench", "--merge", "--mentions", "2000"])
    assert result.exit_code == 0, result.output
    assert "merge: 2,000 synthetic mentions into" in result.output
    assert "peak memory of this process:" in result.output


def test_the_command_refuses_no_mentions():
    result = CliRunner().invoke(main, ["bench", "--merge", "--mentions", "0"])
    assert result.exit_code != 0
    assert "--mentions" in result.output
