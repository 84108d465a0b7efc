//! Latency from an atomic replacement of a small file to its detection:
//! inotify (notify crate) vs polling the file's metadata every N ms.
use std::io::Write;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant, SystemTime};

fn write(path: &std::path::Path, n: u32) {
    let mut f = atomic_write_file::AtomicWriteFile::open(path).unwrap();
    writeln!(f, "position {n}").unwrap();
    f.commit().unwrap();
}

fn stats(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms (n={})",
        ms(v[v.len() / 2]),
        ms(v[v.len() * 95 / 100]),
        ms(v[v.len() - 1]),
        v.len()
    );
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or("/tmp/wb".into());
    std::fs::create_dir_all(&dir).unwrap();
    let path = std::path::Path::new(&dir).join(".kensho-presenter");
    write(&path, 0);
    // notify: watch the folder (an atomic replace is a rename into it).
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = channel();
    let mut w = notify::recommended_watcher(tx).unwrap();
    w.watch(std::path::Path::new(&dir), RecursiveMode::NonRecursive)
        .unwrap();
    let mut lat = Vec::new();
    for n in 1..=100 {
        while rx.try_recv().is_ok() {}
        let t = Instant::now();
        write(&path, n);
        loop {
            match rx.recv_timeout(Duration::from_secs(2)) {
                Ok(Ok(ev)) if ev.paths.iter().any(|p| p.ends_with(".kensho-presenter")) => break,
                Ok(_) => continue,
                Err(_) => panic!("no event"),
            }
        }
        lat.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(5));
    }
    stats("notify (inotify)", lat);
    drop(w);
    for every in [50u64, 100, 200] {
        // A poller on its own thread, as the board would run it.
        let (ptx, prx) = channel::<Instant>();
        let p2 = path.clone();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop2 = stop.clone();
        let poller = std::thread::spawn(move || {
            let stamp = |p: &std::path::Path| {
                std::fs::metadata(p).ok().map(|m| {
                    (
                        m.len(),
                        m.modified().ok(),
                        std::os::unix::fs::MetadataExt::ino(&m),
                    )
                })
            };
            let mut seen = stamp(&p2);
            while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
                let now = stamp(&p2);
                if now != seen {
                    seen = now;
                    let _ = ptx.send(Instant::now());
                }
                std::thread::sleep(Duration::from_millis(every));
            }
        });
        let mut lat = Vec::new();
        for n in 1..=60u32 {
            std::thread::sleep(Duration::from_micros(
                (n as u64 * 7919) % (every * 1000) + every * 1000,
            ));
            while prx.try_recv().is_ok() {}
            write(&path, 1000 + n);
            let t = Instant::now();
            let seen = prx.recv_timeout(Duration::from_secs(2)).expect("seen");
            lat.push(seen.saturating_duration_since(t));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        poller.join().unwrap();
        stats(&format!("polling every {every} ms"), lat);
    }
    // The cost of one poll (a stat).
    let t = Instant::now();
    for _ in 0..100_000 {
        let _ = std::fs::metadata(&path);
    }
    println!(
        "one stat: {:.2} µs",
        t.elapsed().as_secs_f64() * 1e6 / 100_000.0
    );
}
