//! App categories by their snake_case names, as `#[integration(description(categories(...)))]`
//! spells them (a typo gets rustc's suggestion in the same spelling).

#![allow(non_upper_case_globals)]

use crate::models::AppCategory;

macro_rules! categories {
    ($($name:ident => $variant:ident,)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`")]
            pub const $name: AppCategory = AppCategory::$variant;
        )*
    };
}

categories! {
    hr_and_learning => HrAndLearning,
    office_and_legal => OfficeAndLegal,
    sales_and_support => SalesAndSupport,
    commerce_and_marketplaces => CommerceAndMarketplaces,
    it_and_security => ItAndSecurity,
    communication => Communication,
    design_and_creativity => DesignAndCreativity,
    other => Other,
    marketing_and_analytics => MarketingAndAnalytics,
    developers => Developers,
    accounting_and_finance => AccountingAndFinance,
    collaboration => Collaboration,
    content_and_social_media => ContentAndSocialMedia,
    internal => Internal,
    early_access => EarlyAccess,
}
