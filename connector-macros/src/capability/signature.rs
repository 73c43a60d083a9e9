//! The syntactic rules of a capability function, reported on the offending token.

use syn::spanned::Spanned;
use syn::{FnArg, ReturnType, Signature, Type};

use crate::diag::Errors;

/// The argument and return types of a well-formed capability function, or `None` when
/// `errors` holds anything (from here or before).
pub(crate) fn check<'a>(sig: &'a Signature, errors: &mut Errors) -> Option<(&'a Type, &'a Type)> {
    if sig.asyncness.is_none() {
        errors.push(syn::Error::new(
            sig.fn_token.span,
            "capability functions must be `async fn`",
        ));
    }
    if let Some(constness) = sig.constness {
        errors.push(syn::Error::new(
            constness.span,
            "capability functions cannot be `const`",
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(syn::Error::new(
            sig.generics.span(),
            "capability functions cannot be generic; name the concrete request type",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new(
            abi.span(),
            "capability functions cannot have an ABI",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(syn::Error::new(
            variadic.span(),
            "capability functions cannot be variadic",
        ));
    }
    let argument = argument(sig, errors);
    let ret = match &sig.output {
        ReturnType::Type(_, ty) => Some(&**ty),
        ReturnType::Default => {
            errors.push(syn::Error::new(
                sig.paren_token.span.close(),
                "capability functions must return `Result<Response, ConnectorError>`, e.g. `-> Result<ListAccountsResponse, ConnectorError>`",
            ));
            None
        }
    };
    if !errors.is_empty() {
        return None;
    }
    Some((argument?, ret?))
}

fn argument<'a>(sig: &'a Signature, errors: &mut Errors) -> Option<&'a Type> {
    let mut inputs = sig.inputs.iter();
    let first = match inputs.next() {
        None => {
            errors.push(syn::Error::new(
                sig.paren_token.span.join(),
                "a capability function takes exactly one argument, its request, e.g. `req: ListAccountsRequest<Settings, Auth>`",
            ));
            return None;
        }
        Some(FnArg::Receiver(receiver)) => {
            errors.push(syn::Error::new(
                receiver.span(),
                "capability functions cannot take `self`; write a free `async fn` taking the request",
            ));
            return None;
        }
        Some(FnArg::Typed(arg)) => &*arg.ty,
    };
    if let Some(extra) = inputs.next() {
        errors.push(syn::Error::new(
            extra.span(),
            "a capability function takes exactly one argument, its request; put everything else in the request or the settings",
        ));
        return None;
    }
    Some(first)
}
