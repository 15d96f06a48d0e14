//! Development helper: prints every edit for the text given as argument
//! (or stdin) with its confidence and alternatives. `OCRMEND_LINE_ENDS=keep`
//! (or `join`) sets how line ends are treated.

use ocrmend_core::{LineEnds, Repairer};
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
    let mut repairer = Repairer::embedded()?;
    match std::env::var("OCRMEND_LINE_ENDS").as_deref() {
        Ok("keep") => repairer.set_line_ends(LineEnds::Keep),
        Ok("join") => repairer.set_line_ends(LineEnds::Join),
        _ => {}
    }
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
