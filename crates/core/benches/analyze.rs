//! Speed of `Repairer::analyze` in bytes per second, on two whole seed
//! documents and on one short paragraph (the size the web UI re-analyses).
//!
//!     cargo bench -p ocrmend-core --bench analyze

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ocrmend_core::Repairer;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const PARAGRAPH: &str = "When l first dealt with sorne of the subject in the\n\
modem period, the councils . had not yet been con-\n\
vened ; ofthe 1 9 1 7 docurnents only a few were known, and tbe\n\
rest lay in archives that no one had se arched.\n";

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../seeds")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

fn bench_analyze(c: &mut Criterion) {
    let repairer = Repairer::embedded().expect("embedded dictionaries load");
    let inputs = [
        ("paragraph", PARAGRAPH.to_owned()),
        ("seed000", seed("000_bfe484e0bb546434.txt")),
        ("seed003", seed("003_1e6613b8d3b2a88b.txt")),
    ];
    let mut group = c.benchmark_group("analyze");
    for (name, text) in &inputs {
        // Whole books take long per iteration: the minimum sample count keeps
        // a run within a minute or two.
        if text.len() > 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        } else {
            group.sample_size(50);
            group.measurement_time(Duration::from_secs(5));
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| repairer.analyze(black_box(text)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_analyze);
criterion_main!(benches);
