//! Procedural macros for connector-runtime (arrive with the macros issue).
