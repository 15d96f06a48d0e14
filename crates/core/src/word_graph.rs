//! The word automaton the candidate search walks.
//!
//! Decoding fst nodes again at every step of the search and at every word
//! lookup took about a quarter of the analysis time. `WordGraph` decodes
//! each node of the dictionary once into flat arrays; it mirrors the fst
//! node for node, outputs included, and keeps each node's transitions in
//! the fst's order, so a search over either visits the same states in the
//! same order and a lookup gives the same value.

use fst::raw::{CompiledAddr, Fst, Node};
use rustc_hash::FxHashMap;

/// A deterministic word automaton over bytes.
pub(crate) trait WordAutomaton: Copy {
    type State: Copy;
    fn root(self) -> Self::State;
    fn is_final(self, state: Self::State) -> bool;
    /// The state after `byte`, `None` when no word continues that way.
    fn step(self, state: Self::State, byte: u8) -> Option<Self::State>;
    /// Whether `step` would find a state.
    fn has_step(self, state: Self::State, byte: u8) -> bool {
        self.step(state, byte).is_some()
    }
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
/// `inputs[nodes[n].start..nodes[n + 1].start]`, in byte order, leading to
/// `targets[..]` and adding `outputs[..]` to the value of the key, as in the
/// fst.
pub struct WordGraph {
    /// One more than there are nodes: the last only ends the one before.
    nodes: Vec<NodeInfo>,
    final_outputs: Vec<u64>,
    inputs: Vec<u8>,
    targets: Vec<u32>,
    outputs: Vec<u64>,
}

/// A node's place in the transition arrays and which lowercase letters
/// leave it: almost every step of the search is on a letter, and finds its
/// transition by counting bits instead of scanning the node's inputs.
#[derive(Clone, Copy)]
struct NodeInfo {
    start: u32,
    /// Bit `k` set: a transition on `b'a' + k`.
    letters: u32,
    /// How many transitions come before the letters (bytes below `a`).
    below: u8,
    is_final: bool,
}

impl NodeInfo {
    /// Index of the transition on the lowercase letter `b'a' + k` (`k < 26`).
    #[inline]
    fn letter(self, k: u8) -> Option<usize> {
        let bit = 1u32 << k;
        (self.letters & bit != 0).then(|| {
            self.start as usize
                + self.below as usize
                + (self.letters & (bit - 1)).count_ones() as usize
        })
    }
}

impl WordGraph {
    /// Decodes every node reachable from the root of `fst`.
    pub fn from_fst<D: AsRef<[u8]>>(fst: &Fst<D>) -> Self {
        let mut ids: FxHashMap<CompiledAddr, u32> = FxHashMap::default();
        let mut order: Vec<CompiledAddr> = vec![fst.root().addr()];
        ids.insert(fst.root().addr(), 0);
        let mut graph = WordGraph {
            nodes: Vec::new(),
            final_outputs: Vec::new(),
            inputs: Vec::new(),
            targets: Vec::new(),
            outputs: Vec::new(),
        };
        // Breadth first: nodes are numbered in the order they are decoded.
        let mut next = 0;
        while let Some(&addr) = order.get(next) {
            next += 1;
            let node = fst.node(addr);
            let mut info = NodeInfo {
                start: graph.inputs.len() as u32,
                letters: 0,
                below: 0,
                is_final: node.is_final(),
            };
            graph.final_outputs.push(node.final_output().value());
            let mut last = None;
            for t in node.transitions() {
                // The fst keeps a node's transitions in byte order.
                assert!(last < Some(t.inp), "transitions out of order");
                last = Some(t.inp);
                if t.inp < b'a' {
                    info.below += 1;
                } else if t.inp <= b'z' {
                    info.letters |= 1 << (t.inp - b'a');
                }
                let id = *ids.entry(t.addr).or_insert_with(|| {
                    order.push(t.addr);
                    (order.len() - 1) as u32
                });
                graph.inputs.push(t.inp);
                graph.targets.push(id);
                graph.outputs.push(t.out.value());
            }
            graph.nodes.push(info);
        }
        graph.nodes.push(NodeInfo {
            start: graph.inputs.len() as u32,
            letters: 0,
            below: 0,
            is_final: false,
        });
        // The graph lives as long as the lexicon: drop the growth slack.
        graph.nodes.shrink_to_fit();
        graph.final_outputs.shrink_to_fit();
        graph.inputs.shrink_to_fit();
        graph.targets.shrink_to_fit();
        graph.outputs.shrink_to_fit();
        graph
    }

    /// The value of `key`, as `fst::Map::get` gives it.
    pub fn get(&self, key: &[u8]) -> Option<u64> {
        let mut state = 0;
        let mut value = 0;
        for &byte in key {
            let at = self.position(state, byte)?;
            value += self.outputs[at];
            state = self.targets[at];
        }
        self.nodes[state as usize]
            .is_final
            .then(|| value + self.final_outputs[state as usize])
    }

    /// Index of the transition on `byte` out of `state`.
    #[inline]
    fn position(&self, state: u32, byte: u8) -> Option<usize> {
        let node = self.nodes[state as usize];
        let k = byte.wrapping_sub(b'a');
        if k < 26 {
            return node.letter(k);
        }
        // Bytes below `a` come before the letters, the others after.
        let letters_start = node.start as usize + node.below as usize;
        let span = if byte < b'a' {
            node.start as usize..letters_start
        } else {
            letters_start + node.letters.count_ones() as usize
                ..self.nodes[state as usize + 1].start as usize
        };
        let at = self.inputs[span.clone()].iter().position(|&b| b == byte)?;
        Some(span.start + at)
    }

    fn span(&self, state: u32) -> std::ops::Range<usize> {
        self.nodes[state as usize].start as usize..self.nodes[state as usize + 1].start as usize
    }
}

impl WordAutomaton for &WordGraph {
    type State = u32;

    fn root(self) -> u32 {
        0
    }

    #[inline]
    fn is_final(self, state: u32) -> bool {
        self.nodes[state as usize].is_final
    }

    #[inline]
    fn step(self, state: u32, byte: u8) -> Option<u32> {
        Some(self.targets[self.position(state, byte)?])
    }

    #[inline(always)]
    fn has_step(self, state: u32, byte: u8) -> bool {
        let k = byte.wrapping_sub(b'a');
        if k < 26 {
            self.nodes[state as usize].letters >> k & 1 != 0
        } else {
            self.position(state, byte).is_some()
        }
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
    fn gives_the_values_of_the_map() {
        let entries = [
            ("", 7),
            ("a", 1),
            ("an", 1 << 40),
            ("and", 3),
            ("ant", 0),
            ("zoo", 9),
        ];
        let map = fst::Map::from_iter(entries).unwrap();
        let graph = WordGraph::from_fst(map.as_fst());
        for key in ["", "a", "an", "and", "ant", "zoo", "z", "ants", "b"] {
            assert_eq!(graph.get(key.as_bytes()), map.get(key), "{key}");
        }
    }

    #[test]
    fn shares_suffixes_like_the_fst() {
        // `walking` and `talking` share their tail in the fst; the graph
        // must not expand it into a tree.
        let set = fst::Set::from_iter(["talking", "walking"]).unwrap();
        let graph = WordGraph::from_fst(set.as_fst());
        assert_eq!(graph.nodes.len(), 8 + 1);
    }
}
