//! jsvm-profiler: counters keyed by IR entities (entries, branches, back-edges, type and call-target histograms) and their snapshot `Profile`; no I/O.
