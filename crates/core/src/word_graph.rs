//! The word automaton the candidate search walks.
//!
//! Decoding an fst node on every step of the search cost a third of the
//! analysis time. `WordGraph` decodes each node of the dictionary once into
//! flat arrays; it mirrors the fst node for node and keeps each node's
//! transitions in the fst's order, so a search over either visits the same
//! states in the same order.

use fst::raw::{CompiledAddr, Fst, Node};
use rustc_hash::FxHashMap;

/// A deterministic word automaton over bytes.
pub(crate) trait WordAutomaton: Copy {
    type State: Copy;
    fn root(self) -> Self::State;
    fn is_final(self, state: Self::State) -> bool;
    /// The state after `byte`, `None` when no word continues that way.
    fn step(self, state: Self::State, byte: u8) -> Option<Self::State>;
    /// Every (byte, next state), in the fst's order.
    fn transitions(self, state: Self::State) -> impl Iterator<Item = (u8, Self::State)>;
}

impl<'a, D: AsRef<[u8]>> WordAutomaton for &'a Fst<D> {
    type State = Node<'a>;

    fn root(self) -> Node<'a> {
        Fst::root(self)
    }

    fn is_final(self, state: Node<'a>) -> bool {
        state.is_final()
    }

    fn step(self, state: Node<'a>, byte: u8) -> Option<Node<'a>> {
        let t = state.transition(state.find_input(byte)?);
        Some(self.node(t.addr))
    }

    fn transitions(self, state: Node<'a>) -> impl Iterator<Item = (u8, Node<'a>)> {
        (0..state.len()).map(move |i| {
            let t = state.transition(i);
            (t.inp, self.node(t.addr))
        })
    }
}

/// An fst decoded into flat arrays: node `n`'s transitions are
/// `inputs[starts[n]..starts[n + 1]]`, leading to `targets[..]`.
pub struct WordGraph {
    starts: Vec<u32>,
    finals: Vec<bool>,
    inputs: Vec<u8>,
    targets: Vec<u32>,
}

impl WordGraph {
    /// Decodes every node reachable from the root of `fst`.
    pub fn from_fst<D: AsRef<[u8]>>(fst: &Fst<D>) -> Self {
        let mut ids: FxHashMap<CompiledAddr, u32> = FxHashMap::default();
        let mut order: Vec<CompiledAddr> = vec![fst.root().addr()];
        ids.insert(fst.root().addr(), 0);
        let mut graph = WordGraph {
            starts: vec![0],
            finals: Vec::new(),
            inputs: Vec::new(),
            targets: Vec::new(),
        };
        // Breadth first: nodes are numbered in the order they are decoded.
        let mut next = 0;
        while let Some(&addr) = order.get(next) {
            next += 1;
            let node = fst.node(addr);
            graph.finals.push(node.is_final());
            for t in node.transitions() {
                let id = *ids.entry(t.addr).or_insert_with(|| {
                    order.push(t.addr);
                    (order.len() - 1) as u32
                });
                graph.inputs.push(t.inp);
                graph.targets.push(id);
            }
            graph.starts.push(graph.inputs.len() as u32);
        }
        // The graph lives as long as the lexicon: drop the growth slack.
        graph.starts.shrink_to_fit();
        graph.finals.shrink_to_fit();
        graph.inputs.shrink_to_fit();
        graph.targets.shrink_to_fit();
        graph
    }

    fn span(&self, state: u32) -> std::ops::Range<usize> {
        self.starts[state as usize] as usize..self.starts[state as usize + 1] as usize
    }
}

impl WordAutomaton for &WordGraph {
    type State = u32;

    fn root(self) -> u32 {
        0
    }

    fn is_final(self, state: u32) -> bool {
        self.finals[state as usize]
    }

    fn step(self, state: u32, byte: u8) -> Option<u32> {
        let span = self.span(state);
        let at = self.inputs[span.clone()].iter().position(|&b| b == byte)?;
        Some(self.targets[span.start + at])
    }

    fn transitions(self, state: u32) -> impl Iterator<Item = (u8, u32)> {
        let span = self.span(state);
        self.inputs[span.clone()]
            .iter()
            .copied()
            .zip(self.targets[span].iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word the automaton accepts, in transition order.
    fn words<A: WordAutomaton>(automaton: A) -> Vec<Vec<u8>> {
        fn visit<A: WordAutomaton>(
            automaton: A,
            state: A::State,
            prefix: &mut Vec<u8>,
            out: &mut Vec<Vec<u8>>,
        ) {
            if automaton.is_final(state) {
                out.push(prefix.clone());
            }
            for (byte, next) in automaton.transitions(state) {
                prefix.push(byte);
                visit(automaton, next, prefix, out);
                prefix.pop();
            }
        }
        let mut out = Vec::new();
        visit(automaton, automaton.root(), &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn walks_the_same_words_as_the_fst() {
        let keys = [
            "", "a", "an", "and", "ant", "bee", "been", "cafe", "café", "zoo",
        ];
        let set = fst::Set::from_iter(keys).unwrap();
        let fst = set.as_fst();
        let graph = WordGraph::from_fst(fst);
        let expected: Vec<Vec<u8>> = keys.iter().map(|k| k.as_bytes().to_vec()).collect();
        assert_eq!(words(fst), expected);
        assert_eq!(words(&graph), expected);
    }

    #[test]
    fn steps_agree_with_the_fst() {
        let set = fst::Set::from_iter(["cat", "cats", "cut", "dog"]).unwrap();
        let fst = set.as_fst();
        let graph = WordGraph::from_fst(fst);
        for word in [
            "cat", "cats", "cut", "dog", "ca", "c", "cab", "dogs", "x", "",
        ] {
            let mut node = Some(fst.root());
            let mut state = Some(graph.root());
            for &b in word.as_bytes() {
                node = node.and_then(|n| fst.step(n, b));
                state = state.and_then(|s| graph.step(s, b));
            }
            assert_eq!(node.is_some(), state.is_some(), "{word}");
            if let (Some(n), Some(s)) = (node, state) {
                assert_eq!(n.is_final(), graph.is_final(s), "{word}");
            }
        }
    }

    #[test]
    fn shares_suffixes_like_the_fst() {
        // `walking` and `talking` share their tail in the fst; the graph
        // must not expand it into a tree.
        let set = fst::Set::from_iter(["talking", "walking"]).unwrap();
        let graph = WordGraph::from_fst(set.as_fst());
        assert_eq!(graph.finals.len(), 8);
    }
}
