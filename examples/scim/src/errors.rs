//! SCIM error bodies (RFC 7644 §3.12) read into Lumos codes. The status says most; the
//! `scimType` keyword says which kind of 400 it is, and is kept as the `app_error_code`.

use connector_runtime::ErrorCode;
use connector_runtime::http::{ErrorAnswer, ReadError};

use crate::model::ScimError;

/// The error a SCIM answer means, where it is not the status's own.
pub fn read_scim_error(answer: &ErrorAnswer<'_>) -> Option<ReadError> {
    let scim_type = serde_json::from_slice::<ScimError>(answer.body)
        .ok()
        .and_then(|error| error.scim_type);
    let code = match (answer.status.as_u16(), scim_type.as_deref()) {
        // A second resource with a unique value, or a change of a read-only one.
        (409, _) => ErrorCode::Conflict,
        // `If-Match` named a version the resource has moved on from.
        (412, _) => ErrorCode::Conflict,
        (400, Some("invalidValue" | "invalidSyntax" | "noTarget" | "invalidPath")) => {
            ErrorCode::InvalidValue
        }
        (400, Some("uniqueness" | "mutability")) => ErrorCode::Conflict,
        (400, _) => ErrorCode::BadRequest,
        _ if scim_type.is_none() => return None,
        (status, _) => ErrorCode::from_http_status(status),
    };
    Some(ReadError {
        code,
        app_error_code: scim_type.map(|keyword| format!("scim:{keyword}")),
    })
}

#[cfg(test)]
mod tests {
    use connector_runtime::http::{StatusCode, header::HeaderMap};

    use super::*;

    fn read(status: u16, body: &str) -> Option<ReadError> {
        let headers = HeaderMap::new();
        read_scim_error(&ErrorAnswer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: &headers,
            body: body.as_bytes(),
        })
    }

    #[test]
    fn each_scim_error_has_its_lumos_code() {
        fn code(status: u16, body: &str) -> Option<ErrorCode> {
            read(status, body).map(|read| read.code)
        }
        let typed = |keyword: &str| format!(r#"{{"status":"400","scimType":"{keyword}"}}"#);
        assert_eq!(
            code(409, r#"{"scimType":"uniqueness"}"#),
            Some(ErrorCode::Conflict)
        );
        assert_eq!(code(412, "{}"), Some(ErrorCode::Conflict));
        assert_eq!(
            code(400, &typed("invalidFilter")),
            Some(ErrorCode::BadRequest)
        );
        assert_eq!(
            code(400, &typed("invalidValue")),
            Some(ErrorCode::InvalidValue)
        );
        assert_eq!(code(400, "not json"), Some(ErrorCode::BadRequest));
        assert_eq!(code(404, r#"{"status":"404"}"#), None, "the status says it");
        assert_eq!(
            read(409, r#"{"scimType":"uniqueness"}"#)
                .unwrap()
                .app_error_code
                .as_deref(),
            Some("scim:uniqueness")
        );
    }
}
