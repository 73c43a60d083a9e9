//! Request counters, so tests can check how often a client tried: per route,
//! and per fault prefix (whose count also drives `seq:` faults).

use serde::Serialize;
use std::collections::BTreeMap;

/// Everything counted since start or the last reset; serialised as the body
/// of `GET /_stats`.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    /// Requests counted (the `/_stats` endpoints themselves are not).
    pub total: u64,
    /// Per route, keyed `"METHOD /template"` (e.g. `GET /api/users/{user_id}`),
    /// or `"METHOD (no route)"`; requests under a fault prefix count for the
    /// route after the prefix, whether or not the fault let them through.
    pub routes: BTreeMap<String, u64>,
    /// Per fault spec exactly as written in the URL (`500`, `seq:429,ok`).
    pub faults: BTreeMap<String, FaultStats>,
}

#[derive(Debug, Default, Serialize)]
pub struct FaultStats {
    pub total: u64,
    pub routes: BTreeMap<String, u64>,
}

impl Stats {
    /// Counts one request for `route`, under `fault` if it had a fault
    /// prefix; returns how many earlier requests that fault spec had seen.
    pub fn record(&mut self, route: &str, fault: Option<&str>) -> u64 {
        self.total += 1;
        *self.routes.entry(route.to_owned()).or_insert(0) += 1;
        let Some(spec) = fault else { return 0 };
        let entry = self.faults.entry(spec.to_owned()).or_default();
        entry.total += 1;
        *entry.routes.entry(route.to_owned()).or_insert(0) += 1;
        entry.total - 1
    }
}
