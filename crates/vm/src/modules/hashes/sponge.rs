//! SHA-3 and SHAKE (FIPS 202) as one Keccak sponge: `rate` bytes are
//! absorbed per permutation, the message is padded with the domain
//! `suffix` (0x06 for SHA-3, 0x1f for SHAKE) and a final 0x80, and output
//! is squeezed `rate` bytes at a time.  The permutation itself is the
//! `keccak` crate's (the `sha3` crate 0.12 has no SHAKE).

/// A Keccak sponge in the middle of absorbing.
#[derive(Clone)]
pub struct Sponge {
    state: [u64; 25],
    buf: [u8; 200],
    buf_len: usize,
    /// Bytes per block (200 - 2 * security bytes).
    pub rate: usize,
    pub suffix: u8,
    /// Fixed digest size (0 for the extendable-output SHAKEs).
    pub out_len: usize,
}

fn permute(state: &mut [u64; 25]) {
    keccak::Keccak::new().with_f1600(|f| f(state));
}

impl Sponge {
    /// SHA3-`bits` (224, 256, 384, 512).
    pub fn sha3(bits: usize) -> Sponge {
        Sponge::new(200 - bits / 4, 0x06, bits / 8)
    }

    /// SHAKE`bits` (128 or 256).
    pub fn shake(bits: usize) -> Sponge {
        Sponge::new(200 - bits / 4, 0x1f, 0)
    }

    fn new(rate: usize, suffix: u8, out_len: usize) -> Sponge {
        Sponge {
            state: [0; 25],
            buf: [0; 200],
            buf_len: 0,
            rate,
            suffix,
            out_len,
        }
    }

    fn absorb_block(state: &mut [u64; 25], block: &[u8]) {
        for (lane, chunk) in state.iter_mut().zip(block.chunks_exact(8)) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            *lane ^= u64::from_le_bytes(w);
        }
        permute(state);
    }

    pub fn update(&mut self, mut data: &[u8]) {
        if self.buf_len > 0 {
            let take = (self.rate - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
            if self.buf_len < self.rate {
                return;
            }
            Self::absorb_block(&mut self.state, &self.buf[..self.rate]);
            self.buf_len = 0;
        }
        let mut blocks = data.chunks_exact(self.rate);
        for b in &mut blocks {
            Self::absorb_block(&mut self.state, b);
        }
        let rest = blocks.remainder();
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    /// `len` bytes of output (the sponge itself is not changed).
    pub fn squeeze(&self, len: usize) -> Vec<u8> {
        let mut state = self.state;
        let mut block = [0u8; 200];
        block[..self.buf_len].copy_from_slice(&self.buf[..self.buf_len]);
        block[self.buf_len] ^= self.suffix;
        block[self.rate - 1] ^= 0x80;
        Self::absorb_block(&mut state, &block[..self.rate]);
        let mut out = Vec::with_capacity(len);
        loop {
            for lane in &state[..self.rate / 8] {
                for b in lane.to_le_bytes() {
                    if out.len() == len {
                        return out;
                    }
                    out.push(b);
                }
            }
            if out.len() == len {
                return out;
            }
            permute(&mut state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Sponge;

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_vectors() {
        let s = Sponge::sha3(256);
        assert_eq!(
            hex(&s.squeeze(32)),
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
        );
        let mut s = Sponge::shake(128);
        s.update(b"abc");
        assert_eq!(hex(&s.squeeze(8)), "5881092dd818bf5c");
        // Crossing block boundaries in pieces gives the same result.
        let data: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
        let mut one = Sponge::sha3(224);
        one.update(&data);
        let mut inc = Sponge::sha3(224);
        for c in data.chunks(7) {
            inc.update(c);
        }
        assert_eq!(one.squeeze(28), inc.squeeze(28));
    }
}
