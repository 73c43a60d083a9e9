//! `mockapp dev http-server`, end to end: the real binary serving on a free loopback port,
//! against the mock API. Every capability answer is byte for byte what the command line
//! prints for the same request (error envelopes included); connector-py's 404 and 405
//! bodies; the request cap; one access-log line per request carrying the observability
//! headers and no secret; a slow upstream does not hold up other requests; SIGTERM drains.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::serving::{Answer, Served, try_send};
use support::{TOKEN, call, request, reset_masked, server};

/// What the command line prints for `capability` on `request`, without its newline.
fn cli(capability: &str, request: &Value) -> String {
    let run = call(capability, request);
    assert_eq!(run.status, 0, "{run:?}");
    run.stdout.trim_end_matches('\n').to_owned()
}

fn json_answer(answer: &Answer, status: u16) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
}

#[test]
fn each_capability_answers_what_the_command_line_prints() {
    let mock = server(7);
    let served = Served::start(&[]);
    let url = mock.url();
    let cases = [
        ("validate_credentials", request(&url, json!({}))),
        (
            "list_accounts",
            json!({"auth": {"token": {"token": TOKEN}}, "request": {}, "settings": {"api_url": url}, "page": {"size": 3}}),
        ),
        (
            "get_last_activity",
            request(&url, json!({"account_ids": ["user-00002"]})),
        ),
        (
            "delete_account",
            request(&url, json!({"account_id": "nobody"})),
        ),
        ("list_entitlements", request(&url, json!({}))),
        (
            "validate_credentials",
            json!({"auth": {"token": {"token": "wrong"}}, "request": {}, "settings": {"api_url": url}}),
        ),
        ("list_accounts", json!({"request": {}})),
        ("app_info", json!({"request": {}})),
    ];
    for (capability, body) in &cases {
        let answer = served.post(&format!("/{capability}"), body.to_string().as_bytes());
        assert_eq!(answer.status, 200, "{capability}: {answer:?}");
        assert_eq!(
            reset_masked(&answer.body),
            reset_masked(&cli(capability, body)),
            "{capability} {body}"
        );
    }
    // A body that is not JSON gets the command line's envelope for the same bytes.
    let answer = served.post("/list_accounts", b"{not json");
    json_answer(&answer, 200);
    let run = support::mockapp(&["list_accounts", "--json", "{not json"]);
    assert_eq!(answer.body, run.stdout.trim_end());
    assert_eq!(answer.json()["error"]["error_code"], "bad_request");
}

#[test]
fn paths_and_methods_answer_as_connector_py_does() {
    let served = Served::start(&[]);
    let not_found = r#"{"detail": "Not Found"}"#;
    let not_allowed = r#"{"detail": "Method Not Allowed"}"#;
    for (method, path, status, body) in [
        ("POST", "/list_widgets", 404, not_found),
        ("POST", "/", 404, not_found),
        ("POST", "/list_accounts/extra", 404, not_found),
        ("GET", "/list_accounts", 405, not_allowed),
        ("PUT", "/list-accounts", 405, not_allowed),
        ("POST", "/openapi.json", 404, not_found),
        ("GET", "/healthz", 200, r#"{"status": "ok"}"#),
    ] {
        let answer = served.send(method, path, &[], b"");
        json_answer(&answer, status);
        assert_eq!(answer.body, body, "{method} {path}");
    }
    // `-` in a capability's path is read as `_`.
    let dashed = served.post("/app-info", br#"{"request":{}}"#);
    assert_eq!(dashed.body, cli("app_info", &json!({"request": {}})));
}

#[test]
fn openapi_json_is_the_app_info_document() {
    let served = Served::start(&[]);
    let answer = served.send("GET", "/openapi.json", &[], b"");
    json_answer(&answer, 200);
    let app_info: Value = serde_json::from_str(&cli("app_info", &json!({"request": {}}))).unwrap();
    assert_eq!(answer.json(), app_info["response"]["app_schema"]);
    assert_eq!(answer.json()["openapi"], "3.0.0");
}

#[test]
fn a_body_over_the_cap_is_the_command_lines_refusal() {
    let served = Served::start(&[]);
    let mut body = br#"{"request":{},"padding":""#.to_vec();
    body.resize(32 * 1024 * 1024 + 10, b'x');
    let answer = served.post("/list_accounts", &body);
    json_answer(&answer, 200);
    let error = &answer.json()["error"];
    assert_eq!(error["error_code"], "bad_request");
    assert_eq!(
        error["message"],
        "Invalid request - the request is larger than 32 MiB"
    );
    // The server is still there.
    assert_eq!(served.send("GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn one_access_log_line_per_request_with_the_observability_headers_and_no_secret() {
    let mock = server(3);
    let served = Served::start(&[]);
    let body = request(&mock.url(), json!({})).to_string();
    let answer = served.send(
        "POST",
        "/validate_credentials",
        &[
            ("X-Lumos-Observability-flows_v2_execution_id", "exec-4242"),
            ("X-Lumos-Observability-dagster.run_id", "run-77"),
            ("Authorization", &format!("Bearer {TOKEN}")),
        ],
        body.as_bytes(),
    );
    assert_eq!(answer.status, 200);
    std::thread::sleep(Duration::from_millis(200));
    let log = served.stderr();
    let lines: Vec<&str> = log.lines().filter(|line| line.contains("served")).collect();
    assert_eq!(lines.len(), 1, "{log}");
    let line = lines[0];
    for part in [
        "method=POST",
        "path=/validate_credentials",
        "flows_v2_execution_id=exec-4242",
        "dagster.run_id=run-77",
        "status=200",
    ] {
        assert!(line.contains(part), "{part} missing from {line}");
    }
    assert!(!log.contains(TOKEN), "the token reached the log:\n{log}");
}

#[test]
fn a_slow_upstream_does_not_hold_up_other_requests() {
    let mock = server(3);
    let served = Served::start(&[]);
    let slow = request(&format!("{}/_fault/delay3", mock.url()), json!({})).to_string();
    let started_slow = Instant::now();
    let slow_call = served.post_in_background("/validate_credentials", &slow);
    std::thread::sleep(Duration::from_millis(200));
    let fast = request(&mock.url(), json!({})).to_string();
    for _ in 0..20 {
        let started = Instant::now();
        let answer = served.post("/validate_credentials", fast.as_bytes());
        assert_eq!(answer.json()["response"]["valid"], true, "{answer:?}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a fast call waited {:?} behind the slow one",
            started.elapsed()
        );
    }
    let answer = slow_call.join().unwrap();
    let took = started_slow.elapsed();
    assert_eq!(answer.unwrap().json()["response"]["valid"], true);
    assert!(took >= Duration::from_secs(3), "{took:?}");
}

#[test]
fn sigterm_drains_the_requests_in_flight_and_exits_0() {
    let mock = server(3);
    let mut served = Served::start(&[]);
    let slow = request(&format!("{}/_fault/delay2", mock.url()), json!({})).to_string();
    let in_flight: Vec<_> = (0..6)
        .map(|_| served.post_in_background("/validate_credentials", &slow))
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    support::serving::signal(served.pid(), "TERM");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        try_send(served.address(), "GET", "/healthz", &[], b"").is_err(),
        "a stopping server takes no new connection"
    );
    for call in in_flight {
        let answer = call
            .join()
            .unwrap()
            .expect("an answer for every request in flight");
        assert_eq!(answer.json()["response"]["valid"], true, "{answer:?}");
    }
    assert_eq!(
        served.wait(Duration::from_secs(10)),
        Some(0),
        "{}",
        served.stderr()
    );
    assert!(served.stderr().contains("draining"), "{}", served.stderr());
}

#[test]
fn a_drain_cut_short_says_so_and_exits_1() {
    let mock = server(3);
    let mut served = Served::start(&["--drain-seconds", "1"]);
    let slow = request(&format!("{}/_fault/delay5", mock.url()), json!({})).to_string();
    let stuck = served.post_in_background("/validate_credentials", &slow);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(served.terminate(Duration::from_secs(5)), Some(1));
    assert!(
        served
            .stderr()
            .contains("stopped after 1s with 1 request(s) still running"),
        "{}",
        served.stderr()
    );
    assert!(
        stuck.join().unwrap().is_err(),
        "the cut request got no answer"
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = support::mockapp(&["dev", "http-server", "-p", &port]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
}

/// Runs `per_thread` requests on each of 32 threads, alternating `bodies`; the errors seen.
fn load(served: &Served, bodies: &[(&'static str, String)], per_thread: usize) -> Vec<String> {
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..32)
            .map(|worker| {
                scope.spawn(move || {
                    let mut errors = Vec::new();
                    for i in 0..per_thread {
                        let (capability, body) = &bodies[(worker + i) % bodies.len()];
                        let path = format!("/{capability}");
                        match try_send(served.address(), "POST", &path, &[], body.as_bytes()) {
                            Ok(answer)
                                if answer.status == 200
                                    && !answer.body.contains("\"is_error\":true") => {}
                            Ok(answer) => errors.push(format!("{capability}: {answer:?}")),
                            Err(e) => errors.push(format!("{capability}: {e}")),
                        }
                    }
                    errors
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    })
}

#[test]
fn thousands_of_requests_at_concurrency_32_with_no_error_and_flat_memory() {
    let mock = server(150);
    let served = Served::start(&[]);
    let url = mock.url();
    let bodies = [
        ("validate_credentials", request(&url, json!({})).to_string()),
        (
            "list_accounts",
            json!({"auth": {"token": {"token": TOKEN}}, "request": {}, "settings": {"api_url": url}, "page": {"size": 100}})
                .to_string(),
        ),
    ];
    let errors = load(&served, &bodies, 20);
    assert!(
        errors.is_empty(),
        "{} errors, first: {}",
        errors.len(),
        errors[0]
    );
    let warm = served.rss_kib();
    let errors = load(&served, &bodies, 80);
    assert!(
        errors.is_empty(),
        "{} errors, first: {}",
        errors.len(),
        errors[0]
    );
    let after = served.rss_kib();
    if let (Some(warm), Some(after)) = (warm, after) {
        assert!(
            after <= warm + 4 * 1024,
            "memory grew from {warm} KiB to {after} KiB over 2560 requests"
        );
    }
    let logged = || {
        served
            .stderr()
            .lines()
            .filter(|line| line.contains("served status=200"))
            .count()
    };
    let until = Instant::now() + Duration::from_secs(5);
    while logged() < 3200 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(logged(), 3200, "one access-log line per request");
}

#[test]
fn max_concurrency_makes_the_rest_wait_their_turn() {
    let mock = server(3);
    let served = Served::start(&["--max-concurrency", "1"]);
    let slow = request(&format!("{}/_fault/delay1", mock.url()), json!({})).to_string();
    let started = Instant::now();
    let calls: Vec<_> = (0..2)
        .map(|_| served.post_in_background("/validate_credentials", &slow))
        .collect();
    for call in calls {
        let answer = call.join().unwrap().expect("an answer");
        assert_eq!(answer.json()["response"]["valid"], true, "{answer:?}");
    }
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "two one-second calls ran at once under --max-concurrency 1 ({:?})",
        started.elapsed()
    );
}
