"""The per-channel pace: a burst, then one a second, each channel on its own."""

from bot.pacing import ChannelPacer


def test_burst_then_one_per_second_per_channel():
    pacer = ChannelPacer(rate=1.0, burst=3)
    assert [pacer.delay("C1") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert 0.9 < pacer.delay("C1") <= 1.0
    assert 1.9 < pacer.delay("C1") <= 2.0
    assert pacer.delay("C2") == 0.0  # another channel is not held up
