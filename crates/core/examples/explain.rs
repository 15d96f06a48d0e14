//! Development helper: prints every edit for the text given as argument
//! (or stdin) with its confidence and alternatives.

use ocrmend_core::Repairer;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args().nth(1) {
        Some(t) => t,
        None => {
            let mut t = String::new();
            std::io::stdin().read_to_string(&mut t)?;
            t
        }
    };
    let repairer = Repairer::embedded()?;
    for e in repairer.analyze(&text) {
        let alts: Vec<String> = e
            .alternatives
            .iter()
            .map(|a| format!("{}:{:.2}", a.replacement, a.confidence))
            .collect();
        println!(
            "{:>6}..{:<6} {:<20} {:?} -> {:?} {:.3} [{}]",
            e.span.start,
            e.span.end,
            e.kind.as_str(),
            e.original,
            e.replacement,
            e.confidence,
            alts.join(" ")
        );
    }
    Ok(())
}
