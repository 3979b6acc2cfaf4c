"""Press release intake: a pasted release read into facts, reviewed, saved as a draft."""
