//! The deterministic data the Python mock starts with: for the same
//! `MOCK_USERS` both servers hold identical users, resources, entitlements and
//! associations.

use crate::store::{Assoc, Entitlement, MAX_RESERVE, Resource, User};

const N_PROJECTS: usize = 5;
const N_TEAMS: usize = 3;
const PROJECT_ROLES: [&str; 3] = ["admin", "editor", "viewer"];

const FIRST_NAMES: [&str; 20] = [
    "Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory",
    "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoe",
];
const LAST_NAMES: [&str; 23] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
];

/// 2024-01-01T00:00:00Z in Unix seconds: every seeded timestamp counts from here.
const EPOCH: i64 = 1_704_067_200;
const DAY: i64 = 86_400;

/// `created_at` of users made through the API: the epoch plus 730 days.
pub fn created_at_for_new_user() -> String {
    iso(EPOCH + 730 * DAY)
}

/// `user-00042`: the number zero-padded to five places (as Python's `:05d`).
pub fn user_id(n: i64) -> String {
    format!("user-{n:05}")
}

/// Seeded user number `n` (1-based).
pub fn user(n: i64) -> User {
    let i = (n - 1) as usize;
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let last = LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()];
    let status = if n % 10 == 0 {
        "inactive"
    } else if n % 23 == 0 {
        "deleted"
    } else {
        "active"
    };
    let created = EPOCH + (n % 365) * DAY + n * 60;
    // Every fourth user has never logged in.
    let last_login = (n % 4 != 0).then(|| iso(EPOCH + (400 + n % 200) * DAY + n * 37));
    let (first_lc, last_lc) = (first.to_lowercase(), last.to_lowercase());
    User {
        id: user_id(n),
        email: format!("{first_lc}.{last_lc}.{n}@example.com"),
        name: format!("{first} {last}"),
        username: format!("{first_lc}{n}"),
        status: status.to_owned(),
        created_at: iso(created),
        last_login,
    }
}

pub fn resources() -> Vec<Resource> {
    let projects = (1..=N_PROJECTS).map(|p| Resource {
        id: format!("project-{p}"),
        kind: "project",
        name: format!("Project {p}"),
        description: format!("Project number {p}"),
    });
    let teams = (1..=N_TEAMS).map(|t| Resource {
        id: format!("team-{t}"),
        kind: "team",
        name: format!("Team {t}"),
        description: format!("Team number {t}"),
    });
    let global = Resource {
        id: "global".to_owned(),
        kind: "global",
        name: "Global".to_owned(),
        description: "The whole MockApp tenant".to_owned(),
    };
    projects.chain(teams).chain([global]).collect()
}

/// Project roles first (project by project), then team memberships, then
/// `admin`; [`associations`] relies on this order.
pub fn entitlements() -> Vec<Entitlement> {
    let mut out = Vec::new();
    for p in 1..=N_PROJECTS {
        for role in PROJECT_ROLES {
            let title = title_case(role);
            out.push(Entitlement {
                id: format!("project-{p}-{role}"),
                kind: "project_role",
                resource_id: format!("project-{p}"),
                name: format!("Project {p} {title}"),
                description: format!("{title} role on Project {p}"),
            });
        }
    }
    for t in 1..=N_TEAMS {
        out.push(Entitlement {
            id: format!("team-{t}-member"),
            kind: "team_member",
            resource_id: format!("team-{t}"),
            name: format!("Team {t} Member"),
            description: format!("Member of Team {t}"),
        });
    }
    out.push(Entitlement {
        id: "admin".to_owned(),
        kind: "admin_role",
        resource_id: "global".to_owned(),
        name: "Administrator".to_owned(),
        description: "Tenant administrator".to_owned(),
    });
    out
}

/// Each user holds one project role and one team membership; users 1, 11,
/// 21, ... are also tenant admins.
pub fn associations(n_users: i64) -> Vec<Assoc> {
    let team_base = N_PROJECTS * PROJECT_ROLES.len();
    let admin = team_base + N_TEAMS;
    let mut out =
        Vec::with_capacity(usize::try_from(n_users).unwrap_or(0).min(MAX_RESERVE) * 21 / 10);
    for n in 1..=n_users {
        let i = (n - 1) as usize;
        let user_id = user_id(n);
        let project = i % N_PROJECTS;
        let role = i % PROJECT_ROLES.len();
        out.push(Assoc {
            user_id: user_id.clone(),
            entitlement: project * PROJECT_ROLES.len() + role,
        });
        let team = i % N_TEAMS;
        if n % 10 == 1 {
            out.push(Assoc {
                user_id: user_id.clone(),
                entitlement: team_base + team,
            });
            out.push(Assoc {
                user_id,
                entitlement: admin,
            });
        } else {
            out.push(Assoc {
                user_id,
                entitlement: team_base + team,
            });
        }
    }
    out
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `%Y-%m-%dT%H:%M:%SZ` for Unix seconds.
fn iso(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(DAY), secs.rem_euclid(DAY));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_nine_matches_python() {
        let u = user(9);
        assert_eq!(u.email, "ivan.smith.9@example.com");
        assert_eq!(u.name, "Ivan Smith");
        assert_eq!(u.username, "ivan9");
        assert_eq!(u.created_at, "2024-01-10T00:09:00Z");
        assert_eq!(u.last_login.as_deref(), Some("2025-02-13T00:05:33Z"));
        assert_eq!(user(4).last_login, None);
        assert_eq!(created_at_for_new_user(), "2025-12-31T00:00:00Z");
        assert_eq!(user_id(-4), "user--0004");
    }
}
