//! Numbers in and out, in Korean and English. (Being written.)
