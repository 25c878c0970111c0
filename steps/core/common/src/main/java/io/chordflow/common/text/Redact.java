package io.chordflow.common.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place credentials are removed from text that is printed or logged: the user-info part
 * of every URI ({@code http://user:password@host} -> {@code http://***@host}), and the values of
 * query parameters that carry secrets (S3 presigned {@code X-Amz-Signature}/{@code X-Amz-Credential},
 * {@code token}, {@code password}, {@code secret}, {@code key}).
 */
public final class Redact {
    /** scheme://USERINFO@ : user info ends at the first '@' before the host; no '/', '?', '#' or space in it. */
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\\s]+)@");
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "(?i)([?&](?:x-amz-signature|x-amz-credential|x-amz-security-token|token|access_token|password|secret|key|sig|signature)=)([^&#\\s]+)");

    private Redact() {
    }

    /** {@code text} with credentials in any URI it contains replaced by {@code ***}; null stays null. */
    public static String uris(String text) {
        if (text == null || (text.indexOf("://") < 0 && text.indexOf('=') < 0)) {
            return text;
        }
        Matcher m = USERINFO.matcher(text);
        String s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "***@"));
        return SECRET_QUERY.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "***"));
    }

    /** {@link #uris} of {@code String.valueOf(o)}. */
    public static String uri(Object o) {
        return o == null ? null : uris(String.valueOf(o));
    }
}
