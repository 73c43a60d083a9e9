//! Expansion snapshots: what `#[integration]` generates, for reviewers.

use quote::quote;

#[test]
fn integration_with_everything() {
    let out = super::expand(
        quote! {
            app_id = "mockapp",
            version = "1.2.3",
            auth = TokenCredential,
            settings = MockappSettings,
            description(user_friendly_name = "MockApp", categories(developers, it_and_security)),
            resource_types = RESOURCE_TYPES,
            entitlement_types = ENTITLEMENT_TYPES,
            capabilities(read::validate_credentials, read::list_accounts),
        },
        quote!(
            pub struct Mockapp;
        ),
    );
    let file: syn::File = syn::parse2(out).expect("expansion parses as a file");
    insta::assert_snapshot!(prettyplease::unparse(&file));
}
