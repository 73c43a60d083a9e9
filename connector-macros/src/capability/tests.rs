//! Expansion snapshots: what `#[capability]` generates, for reviewers.

use quote::quote;

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    prettyplease::unparse(&syn::parse2(tokens).expect("expansion parses as a file"))
}

#[test]
fn standard_capability() {
    let out = super::expand(
        quote!(list_accounts),
        quote! {
            /// Lists the accounts.
            pub async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
                todo!()
            }
        },
    );
    insta::assert_snapshot!(pretty(out));
}

#[test]
fn custom_capability_with_labels() {
    let out = super::expand(
        quote!(
            custom = "sync_widgets",
            display_name = "Sync Widgets Now",
            crate = "rt"
        ),
        quote! {
            async fn sync_widgets(req: Request<Widgets, Settings, TokenCredential>) -> Result<Response<Synced>, ConnectorError> {
                todo!()
            }
        },
    );
    insta::assert_snapshot!(pretty(out));
}

#[test]
fn a_mistake_still_emits_the_fn_and_a_stub() {
    let out = super::expand(
        quote!(list_accounts),
        quote! {
            fn list_accounts(req: ListAccountsRequest) -> Result<ListAccountsResponse, ConnectorError> {
                todo!()
            }
        },
    );
    let text = out.to_string();
    assert!(text.contains("compile_error"), "{text}");
    assert!(text.contains("StubHandler"), "{text}");
    assert!(text.contains("fn list_accounts"), "{text}");
}
