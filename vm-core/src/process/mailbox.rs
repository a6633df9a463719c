//! The message queue: messages in arrival order, each in the fragment it was copied into at
//! send, the save pointer the receive instructions walk, and receive markers.
//!
//! A message stays in its own fragment while it is queued (the collector never sees it); when
//! `remove_message` takes it, the fragment joins the receiver's heap fragments and the next
//! collection copies it in (ERTS's `msg_frag`s).

use alloc::collections::VecDeque;
use alloc::vec::Vec;

use crate::heap::{copy, Arena};
use crate::term::Term;

/// One queued message.
pub struct Message {
    pub term: Term,
    /// The words of `term` (none for an immediate).
    pub frag: Option<Arena>,
    /// Arrival number, for receive markers.
    seq: u64,
}

impl Message {
    /// Copies `t` into a fragment of its own.
    pub fn copy_of(t: Term) -> (Term, Option<Arena>) {
        if t.is_immediate() {
            return (t, None);
        }
        let mut frag = Arena::with_capacity(copy::size_of(t).max(1));
        let m = copy::copy_term(t, &mut frag);
        (m, Some(frag))
    }
}

/// A receive marker (`recv_marker_reserve`/`_bind`): the arrival number of the first message
/// that can match a reference made after it, so a selective receive on that reference skips
/// the older part of the queue.
struct Marker {
    id: u32,
    reference: Option<[u32; 3]>,
    seq: u64,
}

/// At most this many markers per process (ERTS keeps a small fixed set too); reserving another
/// drops the oldest, which only costs a longer scan.
const MAX_MARKERS: usize = 4;

#[derive(Default)]
pub struct Mailbox {
    msgs: VecDeque<Message>,
    /// Index of the next message `loop_rec` looks at.
    save: usize,
    next_seq: u64,
    markers: Vec<Marker>,
    next_marker: u32,
    /// A `loop_rec` handed out the message under the save pointer and neither `loop_rec_end`,
    /// `remove_message` nor `timeout` has finished with it: the receive is matching it.
    matching: bool,
}

impl Mailbox {
    pub fn len(&self) -> usize {
        self.msgs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.msgs.is_empty()
    }
    /// Appends a message (already copied into `frag`).
    pub fn push(&mut self, term: Term, frag: Option<Arena>) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.msgs.push_back(Message { term, frag, seq });
    }
    /// The message under the save pointer (`loop_rec`).
    #[inline]
    pub fn current(&self) -> Option<Term> {
        self.msgs.get(self.save).map(|m| m.term)
    }
    /// `loop_rec`: the message under the save pointer, which the receive now matches.
    #[inline]
    pub fn loop_rec(&mut self) -> Option<Term> {
        let m = self.current();
        self.matching = m.is_some();
        m
    }
    /// True when a receive is matching a boxed message: while its words are outside the heap, a
    /// collection must know that registers may point into them.
    pub fn matching_boxed(&self) -> bool {
        self.matching && self.current().is_some_and(|m| !m.is_immediate())
    }
    /// True when there are messages the save pointer has not passed.
    pub fn has_unseen(&self) -> bool {
        self.save < self.msgs.len()
    }
    /// `loop_rec_end`: on to the next message.
    #[inline]
    pub fn advance(&mut self) {
        if self.save < self.msgs.len() {
            self.save += 1;
        }
        self.matching = false;
    }
    /// `remove_message`: takes the message under the save pointer and rewinds.
    pub fn take_current(&mut self) -> Option<Message> {
        let m = self.msgs.remove(self.save);
        self.save = 0;
        self.matching = false;
        m
    }
    /// `timeout`: rewinds the save pointer.
    pub fn rewind(&mut self) {
        self.save = 0;
        self.matching = false;
    }
    pub fn iter(&self) -> impl Iterator<Item = Term> + '_ {
        self.msgs.iter().map(|m| m.term)
    }
    /// Removes the first message `pred` accepts (`demonitor(R, [flush])`); true if one was.
    pub fn remove_first(&mut self, pred: impl Fn(Term) -> bool) -> bool {
        match self.msgs.iter().position(|m| pred(m.term)) {
            Some(i) => {
                self.msgs.remove(i);
                if self.save > i {
                    self.save -= 1;
                }
                true
            }
            None => false,
        }
    }
    /// Drops every message (the process is exiting).
    pub fn clear(&mut self) {
        self.msgs.clear();
        self.save = 0;
        self.matching = false;
    }

    /// `recv_marker_reserve`: a marker at the current end of the queue; its id is returned.
    pub fn reserve_marker(&mut self) -> u32 {
        if self.markers.len() == MAX_MARKERS {
            self.markers.remove(0);
        }
        self.next_marker = self.next_marker.wrapping_add(1);
        self.markers.push(Marker {
            id: self.next_marker,
            reference: None,
            seq: self.next_seq,
        });
        self.next_marker
    }
    /// `recv_marker_bind`: ties a reserved marker to the reference made after it.
    pub fn bind_marker(&mut self, id: u32, reference: [u32; 3]) {
        if let Some(m) = self.markers.iter_mut().find(|m| m.id == id) {
            m.reference = Some(reference);
        }
    }
    /// `recv_marker_use`: starts the scan at the marker bound to `reference`, if any.
    pub fn use_marker(&mut self, reference: [u32; 3]) {
        if let Some(m) = self.markers.iter().find(|m| m.reference == Some(reference)) {
            let seq = m.seq;
            // The marker is usually near the end of a long queue (a call's reply arrives after
            // it): gallop back from the end, then search only the last stride.
            let n = self.msgs.len();
            let (mut lo, mut hi) = (0, n);
            let mut step = 1;
            while step <= n {
                if self.msgs[n - step].seq < seq {
                    lo = n - step + 1;
                    break;
                }
                hi = n - step;
                step *= 2;
            }
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.msgs[mid].seq < seq {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if lo > self.save {
                self.save = lo;
            }
        }
    }
    /// `recv_marker_clear`.
    pub fn clear_marker(&mut self, reference: [u32; 3]) {
        self.markers.retain(|m| m.reference != Some(reference));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_pointer_and_markers() {
        let mut mb = Mailbox::default();
        mb.push(Term::small(1), None);
        mb.push(Term::small(2), None);
        assert_eq!(mb.current(), Some(Term::small(1)));
        mb.advance();
        assert_eq!(mb.current(), Some(Term::small(2)));
        let m = mb.take_current().unwrap();
        assert_eq!(m.term, Term::small(2));
        assert_eq!(mb.current(), Some(Term::small(1)));
        let id = mb.reserve_marker();
        mb.bind_marker(id, [7, 0, 0]);
        mb.push(Term::small(3), None);
        mb.use_marker([7, 0, 0]);
        assert_eq!(mb.current(), Some(Term::small(3)));
        mb.rewind();
        mb.clear_marker([7, 0, 0]);
        mb.use_marker([7, 0, 0]);
        assert_eq!(mb.current(), Some(Term::small(1)));
    }

    #[test]
    fn only_a_message_under_match_is_reported_to_the_collector() {
        let mut frag = Arena::new();
        let boxed = crate::heap::build::tuple(&mut frag, &[Term::small(1), Term::small(2)]);
        let mut mb = Mailbox::default();
        mb.push(boxed, Some(frag));
        mb.push(Term::small(3), None);
        // Queued but not handed out by loop_rec: nothing on the heap can point into it.
        assert!(!mb.matching_boxed());
        assert_eq!(mb.loop_rec(), Some(boxed));
        assert!(mb.matching_boxed());
        mb.advance();
        assert!(!mb.matching_boxed());
        assert_eq!(mb.loop_rec(), Some(Term::small(3)));
        assert!(
            !mb.matching_boxed(),
            "an immediate has no words to point into"
        );
        mb.rewind();
        assert_eq!(mb.loop_rec(), Some(boxed));
        assert!(mb.take_current().is_some());
        assert!(!mb.matching_boxed());
    }

    #[test]
    fn a_marker_skips_exactly_the_messages_queued_before_it() {
        for before in 0..40 {
            for after in 0..5 {
                let mut mb = Mailbox::default();
                for i in 0..before {
                    mb.push(Term::small(i), None);
                }
                let id = mb.reserve_marker();
                mb.bind_marker(id, [1, 2, 3]);
                for i in 0..after {
                    mb.push(Term::small(1000 + i), None);
                }
                mb.use_marker([1, 2, 3]);
                let want = (after > 0).then(|| Term::small(1000));
                assert_eq!(mb.current(), want, "{before} before, {after} after");
            }
        }
    }
}
