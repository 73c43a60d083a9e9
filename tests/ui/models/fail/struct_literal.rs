// Wire models are `#[non_exhaustive]`: a field the spec adds later must not break a connector,
// so a literal does not compile outside the runtime; the builder is the way.
use connector_runtime::prelude::*;

fn main() {
    let _ = ValidatedCredentials {
        valid: true,
        unique_tenant_id: "tenant".to_owned(),
    };
}
