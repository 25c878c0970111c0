package io.chordflow.audio.decode;

/**
 * The Xing/Info + LAME header in an MP3's first frame: encoder delay and end padding in samples (written by
 * LAME and by ffmpeg's libmp3lame muxer). Absent tag: delay and padding unknown (-1).
 */
record LameTag(int delay, int padding, boolean present) {
    static final LameTag NONE = new LameTag(-1, -1, false);

    /** Parses the tag from the start of the file (after any ID3v2 tag). */
    static LameTag parse(byte[] b) {
        int p = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            int size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
            p = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        }
        // find the first frame sync
        while (p + 4 <= b.length && !((b[p] & 0xff) == 0xff && (b[p + 1] & 0xe0) == 0xe0)) {
            p++;
        }
        if (p + 4 > b.length) {
            return NONE;
        }
        int version = (b[p + 1] >> 3) & 3; // 3 = MPEG1
        boolean mono = ((b[p + 3] >> 6) & 3) == 3;
        int side = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int x = p + 4 + side;
        if (x + 8 > b.length) {
            return NONE;
        }
        String id = new String(b, x, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!id.equals("Xing") && !id.equals("Info")) {
            return NONE;
        }
        int flags = ((b[x + 4] & 0xff) << 24) | ((b[x + 5] & 0xff) << 16) | ((b[x + 6] & 0xff) << 8) | (b[x + 7] & 0xff);
        int q = x + 8;
        if ((flags & 1) != 0) {
            q += 4;
        }
        if ((flags & 2) != 0) {
            q += 4;
        }
        if ((flags & 4) != 0) {
            q += 100;
        }
        if ((flags & 8) != 0) {
            q += 4;
        }
        // LAME extension: 9 bytes encoder, 1 revision, 1 lowpass, 4 peak, 2+2 gains, 1 flags, 1 bitrate, then 3 bytes
        if (q + 24 > b.length) {
            return NONE;
        }
        int d = q + 21;
        int delay = ((b[d] & 0xff) << 4) | ((b[d + 1] & 0xff) >> 4);
        int padding = ((b[d + 1] & 0x0f) << 8) | (b[d + 2] & 0xff);
        return new LameTag(delay, padding, true);
    }
}
