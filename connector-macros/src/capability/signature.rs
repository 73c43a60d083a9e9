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
        ReturnType::Type(_, ty) => {
            if let Some(opaque) = find_impl_trait(ty) {
                errors.push(syn::Error::new_spanned(
                    opaque,
                    "a capability function names its return type: write `Result<Response, ConnectorError>`, e.g. `-> Result<ListAccountsResponse, ConnectorError>`, not `impl Trait`",
                ));
                return None;
            }
            Some(&**ty)
        }
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
    if let Some(opaque) = find_impl_trait(first) {
        errors.push(syn::Error::new_spanned(
            opaque,
            "a capability function takes its request as a named type, not `impl Trait`: write the request type, e.g. `req: ListAccountsRequest<Settings, Auth>`",
        ));
        return None;
    }
    if let Type::Reference(reference) = first {
        errors.push(syn::Error::new_spanned(
            reference,
            "a capability function takes its request by value: remove the `&` (the runtime hands the decoded request over), e.g. `req: ListAccountsRequest<Settings, Auth>`",
        ));
        return None;
    }
    if let Some(extra) = inputs.next() {
        errors.push(syn::Error::new(
            extra.span(),
            "a capability function takes exactly one argument, its request; put everything else in the request or the settings",
        ));
        return None;
    }
    Some(first)
}

/// The first `impl Trait` in a type, at any depth (`impl Into<R>`, `Request<impl Payload>`).
fn find_impl_trait(ty: &Type) -> Option<&Type> {
    match ty {
        Type::ImplTrait(_) => Some(ty),
        Type::Reference(r) => find_impl_trait(&r.elem),
        Type::Ptr(p) => find_impl_trait(&p.elem),
        Type::Paren(p) => find_impl_trait(&p.elem),
        Type::Group(g) => find_impl_trait(&g.elem),
        Type::Slice(s) => find_impl_trait(&s.elem),
        Type::Array(a) => find_impl_trait(&a.elem),
        Type::Tuple(t) => t.elems.iter().find_map(find_impl_trait),
        Type::Path(p) => p
            .qself
            .as_ref()
            .and_then(|q| find_impl_trait(&q.ty))
            .or_else(|| {
                p.path
                    .segments
                    .iter()
                    .find_map(|segment| match &segment.arguments {
                        syn::PathArguments::AngleBracketed(args) => {
                            args.args.iter().find_map(|arg| match arg {
                                syn::GenericArgument::Type(ty) => find_impl_trait(ty),
                                _ => None,
                            })
                        }
                        _ => None,
                    })
            }),
        _ => None,
    }
}
