//! Maps: flat maps (up to 32 keys, sorted in term order) and hash-array mapped tries above.
