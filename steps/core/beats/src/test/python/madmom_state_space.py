"""Prints the figures DbnDownbeatTrackerTest.logSpacedTempiWhenTheRangeHasMoreThanNumTempi checks:
madmom's BeatStateSpace interval loop and exponential_transition (madmom/features/beats_hmm.py,
CPJKU/madmom@27f032e8947204902c675e5e341a3faf5dc86dae) run in numpy for 100 fps, 55-215 bpm,
60 tempi, lambda 100 (madmom itself is not packaged in Debian). Run: /usr/bin/python3 src/test/python/madmom_state_space.py
"""
import numpy as np

fps, min_bpm, max_bpm, num_intervals, transition_lambda = 100, 55.0, 215.0, 60, 100
min_interval, max_interval = 60.0 * fps / max_bpm, 60.0 * fps / min_bpm
intervals = np.arange(np.round(min_interval), np.round(max_interval) + 1)
if num_intervals < len(intervals):
    num_log_intervals = num_intervals
    intervals = []
    while len(intervals) < num_intervals:
        intervals = np.logspace(np.log2(min_interval), np.log2(max_interval), num_log_intervals, base=2)
        intervals = np.unique(np.round(intervals))
        num_log_intervals += 1
ratio = intervals.astype(float) / intervals.astype(float)[:, np.newaxis]
prob = np.exp(-transition_lambda * abs(ratio - 1.0))
prob[prob <= np.spacing(1)] = 0
print("intervals", len(intervals), int(intervals[0]), int(intervals[-1]), "states per beat", int(intervals.sum()),
      "tempo transitions", int((prob != 0).sum()))
