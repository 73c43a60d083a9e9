// An integration may list no capability of its own (`app_info` is built in), written as an
// empty `capabilities()` or by leaving the argument out.
use connector_runtime::Integration;
use connector_runtime::prelude::*;

#[integration(app_id = "empty", capabilities())]
pub struct Empty;

#[integration(app_id = "bare")]
pub struct Bare;

fn main() {
    assert!(<Empty as Integration>::APP.capabilities.is_empty());
    assert!(<Bare as Integration>::APP.capabilities.is_empty());
}
