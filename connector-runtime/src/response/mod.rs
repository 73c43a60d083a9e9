//! What a capability returns: [`Response`], the success envelope's parts; `envelope` encodes
//! it, or an error, as the one JSON document a run prints.

pub(crate) mod envelope;
mod summary;

use serde::Serialize;
use serde_json::Value;

use crate::models::{ExecutionSummary, Page, RateLimitResponseInfo};

/// A capability's success: its `response` value plus the envelope's optional parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response<T> {
    /// The capability's result.
    pub response: T,
    /// The upstream data the result came from, when the caller asked for it.
    pub raw_data: Option<Value>,
    /// The next page, or `None` when this was the last.
    pub page: Option<Page>,
    /// Rate-limit state to hand back to the caller.
    pub rate_limit: Option<RateLimitResponseInfo>,
    /// What a write did (created, updated, deleted, nothing).
    pub execution_summary: Option<ExecutionSummary>,
}

impl<T> Response<T> {
    /// A response with nothing but its result.
    pub fn new(response: T) -> Self {
        Response {
            response,
            raw_data: None,
            page: None,
            rate_limit: None,
            execution_summary: None,
        }
    }

    /// Sets the next page (`None` ends the pagination).
    pub fn with_page(mut self, page: Option<Page>) -> Self {
        self.page = page;
        self
    }

    /// Sets `raw_data`.
    pub fn with_raw_data(mut self, raw_data: Value) -> Self {
        self.raw_data = Some(raw_data);
        self
    }

    /// The same envelope around `f(response)`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            response: f(self.response),
            raw_data: self.raw_data,
            page: self.page,
            rate_limit: self.rate_limit,
            execution_summary: self.execution_summary,
        }
    }

    /// Sets `execution_summary`.
    pub fn with_execution_summary(mut self, summary: ExecutionSummary) -> Self {
        self.execution_summary = Some(summary);
        self
    }
}

impl<T> From<T> for Response<T> {
    fn from(response: T) -> Self {
        Response::new(response)
    }
}
