//! The in-memory state: users in insertion order (that order is the
//! pagination order), the fixed resources and entitlements, and the
//! user-to-entitlement associations.

use crate::seed;
use indexmap::IndexMap;
use indexmap::map::Slice;
use serde::Serialize;
use std::collections::HashMap;

/// Upper bound for capacity reserved while seeding.
pub const MAX_RESERVE: usize = 1 << 22;

/// A user as the API returns it (field order is the JSON key order).
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub username: String,
    pub status: String,
    pub created_at: String,
    pub last_login: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Resource {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Entitlement {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub resource_id: String,
    pub name: String,
    pub description: String,
}

/// A user holding an entitlement. The resource is the entitlement's own one
/// (assigning checks that), so it is not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assoc {
    pub user_id: String,
    /// Index into [`Store::entitlements`].
    pub entitlement: usize,
}

/// An association as the API returns it.
#[derive(Debug, Serialize)]
pub struct AssocView<'a> {
    pub user_id: &'a str,
    pub entitlement_id: &'a str,
    pub resource_id: &'a str,
}

/// Optional filters of `GET /api/associations`; `None` matches everything.
#[derive(Debug, Default)]
pub struct AssocFilter<'a> {
    pub user_id: Option<&'a str>,
    pub entitlement_id: Option<&'a str>,
    pub resource_id: Option<&'a str>,
}

/// Field values of a user update; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct UserChanges {
    pub email: Option<String>,
    pub name: Option<String>,
    pub username: Option<String>,
    pub status: Option<String>,
}

/// Why an entitlement could not be assigned.
#[derive(Debug, PartialEq, Eq)]
pub enum AssignError {
    UnknownEntitlement,
    WrongResource,
}

pub struct Store {
    users: IndexMap<String, User>,
    /// How many users have each e-mail address (updates may create duplicates).
    emails: HashMap<String, usize>,
    next_user_number: i64,
    resources: Vec<Resource>,
    entitlements: Vec<Entitlement>,
    associations: Vec<Assoc>,
}

impl Store {
    /// The seed state for `n_users` users (none if zero or negative).
    pub fn new(n_users: i64) -> Store {
        // Reserve up front, but not absurd amounts for absurd settings.
        let count = usize::try_from(n_users).unwrap_or(0).min(MAX_RESERVE);
        let mut users = IndexMap::with_capacity(count);
        let mut emails = HashMap::with_capacity(count);
        for n in 1..=n_users {
            let user = seed::user(n);
            *emails.entry(user.email.clone()).or_insert(0) += 1;
            users.insert(user.id.clone(), user);
        }
        Store {
            users,
            emails,
            next_user_number: n_users.saturating_add(1),
            resources: seed::resources(),
            entitlements: seed::entitlements(),
            associations: seed::associations(n_users),
        }
    }

    pub fn user_count(&self) -> usize {
        self.users.len()
    }

    /// Users `start..stop` in pagination order; the bounds must be in range.
    pub fn users_between(&self, start: usize, stop: usize) -> &Slice<String, User> {
        self.users.get_range(start..stop).unwrap_or_default()
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.get(id)
    }

    pub fn email_taken(&self, email: &str) -> bool {
        self.emails.get(email).is_some_and(|&n| n > 0)
    }

    /// Adds a user with the next free number and returns it.
    pub fn create_user(
        &mut self,
        email: String,
        name: String,
        username: String,
        status: String,
    ) -> &User {
        let n = self.next_user_number;
        self.next_user_number = n.saturating_add(1);
        let user = User {
            id: seed::user_id(n),
            email,
            name,
            username,
            status,
            created_at: seed::created_at_for_new_user(),
            last_login: None,
        };
        self.count_email(&user.email, true);
        if let Some(old) = self.users.insert(user.id.clone(), user.clone()) {
            self.count_email(&old.email, false);
        }
        &self.users[&user.id]
    }

    pub fn update_user(&mut self, id: &str, changes: UserChanges) -> Option<&User> {
        let user = self.users.get_mut(id)?;
        let old_email = changes
            .email
            .as_ref()
            .map(|email| std::mem::replace(&mut user.email, email.clone()));
        for (field, value) in [
            (&mut user.name, changes.name),
            (&mut user.username, changes.username),
            (&mut user.status, changes.status),
        ] {
            if let Some(value) = value {
                *field = value;
            }
        }
        if let (Some(old), Some(new)) = (old_email, changes.email) {
            self.count_email(&old, false);
            self.count_email(&new, true);
        }
        self.users.get(id)
    }

    /// Removes the user and their associations; false if there was no such user.
    pub fn delete_user(&mut self, id: &str) -> bool {
        let Some(user) = self.users.shift_remove(id) else {
            return false;
        };
        self.count_email(&user.email, false);
        self.associations.retain(|a| a.user_id != id);
        true
    }

    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    pub fn entitlements(&self) -> &[Entitlement] {
        &self.entitlements
    }

    pub fn associations(&self, filter: &AssocFilter<'_>) -> Vec<AssocView<'_>> {
        self.associations
            .iter()
            .map(|a| self.view(a))
            .filter(|v| {
                filter.user_id.is_none_or(|id| v.user_id == id)
                    && filter
                        .entitlement_id
                        .is_none_or(|id| v.entitlement_id == id)
                    && filter.resource_id.is_none_or(|id| v.resource_id == id)
            })
            .collect()
    }

    /// Gives `user_id` the entitlement; `Ok(true)` if it was new, `Ok(false)`
    /// if the user already had it.
    pub fn assign(
        &mut self,
        user_id: &str,
        entitlement_id: &str,
        resource_id: &str,
    ) -> Result<bool, AssignError> {
        let entitlement = self
            .entitlements
            .iter()
            .position(|e| e.id == entitlement_id)
            .ok_or(AssignError::UnknownEntitlement)?;
        if self.entitlements[entitlement].resource_id != resource_id {
            return Err(AssignError::WrongResource);
        }
        let assoc = Assoc {
            user_id: user_id.to_owned(),
            entitlement,
        };
        if self.associations.contains(&assoc) {
            return Ok(false);
        }
        self.associations.push(assoc);
        Ok(true)
    }

    /// Takes the entitlement away (only on `resource_id` if given); false if
    /// the user did not have it.
    pub fn unassign(
        &mut self,
        user_id: &str,
        entitlement_id: &str,
        resource_id: Option<&str>,
    ) -> bool {
        let before = self.associations.len();
        let entitlements = &self.entitlements;
        self.associations.retain(|a| {
            let e = &entitlements[a.entitlement];
            !(a.user_id == user_id
                && e.id == entitlement_id
                && resource_id.is_none_or(|r| e.resource_id == r))
        });
        self.associations.len() != before
    }

    fn view<'a>(&'a self, a: &'a Assoc) -> AssocView<'a> {
        let e = &self.entitlements[a.entitlement];
        AssocView {
            user_id: &a.user_id,
            entitlement_id: &e.id,
            resource_id: &e.resource_id,
        }
    }

    fn count_email(&mut self, email: &str, add: bool) {
        if add {
            *self.emails.entry(email.to_owned()).or_insert(0) += 1;
        } else if let Some(n) = self.emails.get_mut(email) {
            *n -= 1;
            if *n == 0 {
                self.emails.remove(email);
            }
        }
    }
}
