package io.chordflow.audio.synth;

/**
 * An arranger style: the habits a song of that kind has. Probabilities are per song unless said otherwise.
 *
 * @param name         short stable name
 * @param bpmMin       tempo range of the beat (the dotted quarter in 6/8), inclusive
 * @param bpmMax       tempo range, inclusive
 * @param metres       weights of 4/4, 3/4, 6/8, 5/4
 * @param swing        chance the song swings its off-beat eighths (ratio 0.58-0.67)
 * @param minor        chance of a minor key
 * @param sevenths     how often chords take their diatonic seventh: a song draws p7 from [0, sevenths]
 * @param colour       weight of colour chords (sus, 6ths, aug, dim7, minmaj7, secondary dominants, borrowed)
 * @param ninths       chance a dominant/major/minor seventh chord is voiced with its ninth (labelled 9/maj9/min9)
 * @param inversions   chance a chord is played over a chord tone other than its root (labelled as a slash chord)
 * @param comping      weights of block (on the beats), sustained, arpeggio, strum, syncopated comping
 * @param anticipation chance, per chord change of an anticipating song, that it comes an eighth early; half of the songs anticipate
 * @param drums        chance the song has drums
 * @param melody       chance the song has a melody
 * @param nonChord     share of the melody's weak-position notes that are passing or neighbour tones
 * @param walkingBass  chance the bass walks in quarters (else roots, fifths and approach notes)
 * @param keyChange    chance of a modulation at a section boundary in the song's second half
 * @param countIn      chance of a one-bar stick count-in (labelled N)
 * @param comp         GM programs the comping part draws from
 * @param bass         GM programs for the bass
 * @param lead         GM programs for the melody
 * @param kits         GM drum kits (programs on channel 10) the drums draw from
 */
public record Style(String name, int bpmMin, int bpmMax, double[] metres, double swing, double minor, double sevenths,
                    double colour, double ninths, double inversions, double[] comping, double anticipation, double drums,
                    double melody, double nonChord, double walkingBass, double keyChange, double countIn,
                    int[] comp, int[] bass, int[] lead, int[] kits) {

    /** Comping patterns, in the order of {@link #comping}. */
    enum Comping { BLOCK, SUSTAINED, ARPEGGIO, STRUM, SYNCOPATED }

    /** Metres, in the order of {@link #metres}: beats per bar and subdivisions per beat. */
    enum Metre {
        FOUR_FOUR("4/4", 4, 2), THREE_FOUR("3/4", 3, 2), SIX_EIGHT("6/8", 2, 3), FIVE_FOUR("5/4", 5, 2);

        final String label;
        final int beats;
        final int sub;

        Metre(String label, int beats, int sub) {
            this.label = label;
            this.beats = beats;
            this.sub = sub;
        }
    }
}
