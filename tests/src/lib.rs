//! Integration tests for jsvm: conformance runner (every mode), insta snapshots, end-to-end tests.
