package io.asyncapikafka.runtime.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string formats the contract can name, checked exactly as their RFCs write them: nothing is trimmed, a
 * trailing newline is an error, a {@code date-time} is not a {@code date}, a relative reference is not a {@code uri}.
 * Unknown formats are annotations (JSON Schema draft 7, section 7.2) and always pass.
 */
public final class Formats {

    // RFC 3339 section 5.6; "T" and "Z" may be lower case (its note on ABNF case-insensitivity)
    private static final Pattern TIME = Pattern.compile(
            "(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|([+-])(\\d{2}):(\\d{2}))");
    // RFC 3339 appendix A
    private static final Pattern DURATION = Pattern.compile("P(?:\\d+W|(?:\\d+D|\\d+M(?:\\d+D)?|\\d+Y(?:\\d+M(?:\\d+D)?)?)"
            + "(?:T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S))?|T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S))");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    // RFC 5322 atext
    private static final Pattern DOT_ATOM = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\x20-\\x7E])*\"");
    // RFC 3986 appendix B, then each part checked against its own grammar
    private static final Pattern URI_PARTS = Pattern.compile(
            "(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?", Pattern.DOTALL);
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final String PCHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
    private static final Pattern PATH = Pattern.compile("(?:" + PCHAR + "|/)*");
    private static final Pattern QUERY = Pattern.compile("(?:" + PCHAR + "|[/?])*");
    private static final Pattern USERINFO = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:-]|%[0-9A-Fa-f]{2})*");
    private static final Pattern REG_NAME = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*");
    private static final Pattern IPV_FUTURE = Pattern.compile("[vV][0-9A-Fa-f]+\\.[A-Za-z0-9._~!$&'()*+,;=:-]+");
    private static final Pattern PORT = Pattern.compile("[0-9]*");

    private Formats() {}

    /** Whether {@code value} is valid for {@code format}; formats this project does not know always pass. */
    public static boolean valid(String format, String value) {
        return switch (format) {
            case "date-time" -> isDateTime(value);
            case "date" -> isDate(value);
            case "time" -> isTime(value);
            case "uuid" -> isUuid(value);
            case "uri" -> isUri(value);
            case "email" -> isEmail(value);
            case "hostname" -> isHostname(value);
            case "ipv4" -> isIpv4(value);
            case "ipv6" -> isIpv6(value);
            case "duration" -> DURATION.matcher(value).matches();
            default -> true;
        };
    }

    /** RFC 3339 {@code date-time}: full-date "T" full-time; a leap second only where UTC is 23:59. */
    public static boolean isDateTime(String s) {
        int t = s.indexOf('T') >= 0 ? s.indexOf('T') : s.indexOf('t');
        return t == 10 && isDate(s.substring(0, 10)) && isTime(s.substring(11));
    }

    /** RFC 3339 {@code full-date}, with the days of each month (leap years included). */
    public static boolean isDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
    }

    /** The ASCII decimal number in {@code s[from, to)}, or -1. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** RFC 3339 {@code full-time}: partial-time and an offset. */
    public static boolean isTime(String s) {
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            return false;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = Integer.parseInt(m.group(3));
        int offset = 0;
        if (m.group(6) != null) {
            int oh = Integer.parseInt(m.group(7));
            int om = Integer.parseInt(m.group(8));
            if (oh > 23 || om > 59) {
                return false;
            }
            offset = (m.group(6).equals("-") ? -1 : 1) * (oh * 60 + om);
        }
        if (hour > 23 || minute > 59 || second > 60) {
            return false;
        }
        if (second == 60) {
            int utc = Math.floorMod(hour * 60 + minute - offset, 24 * 60);
            return utc == 23 * 60 + 59;
        }
        return true;
    }

    /** RFC 4122 string representation: 8-4-4-4-12 hexadecimal digits. */
    public static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 {@code URI}: a scheme is required (a relative reference is not a URI). */
    public static boolean isUri(String s) {
        Matcher m = URI_PARTS.matcher(s);
        if (!m.matches() || m.group(1) == null || !SCHEME.matcher(m.group(1)).matches()) {
            return false;
        }
        String authority = m.group(2);
        String path = m.group(3);
        if (authority != null && !isAuthority(authority)) {
            return false;
        }
        if (authority == null && path.startsWith("//")) {
            return false;
        }
        return PATH.matcher(path).matches() && (m.group(4) == null || QUERY.matcher(m.group(4)).matches())
                && (m.group(5) == null || QUERY.matcher(m.group(5)).matches());
    }

    private static boolean isAuthority(String a) {
        int at = a.lastIndexOf('@');
        if (at >= 0 && !USERINFO.matcher(a.substring(0, at)).matches()) {
            return false;
        }
        String hostPort = a.substring(at + 1);
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            String literal = hostPort.substring(1, close);
            if (!isIpv6(literal) && !IPV_FUTURE.matcher(literal).matches()) {
                return false;
            }
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return false;
                }
                port = rest.substring(1);
            }
            host = null;
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        return (host == null || REG_NAME.matcher(host).matches()) && (port == null || PORT.matcher(port).matches());
    }

    /** RFC 5321 mailbox: a dot-atom or quoted local part, then a host name or an address literal. */
    public static boolean isEmail(String s) {
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return false;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (!DOT_ATOM.matcher(local).matches() && !QUOTED.matcher(local).matches()) {
            return false;
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            String literal = domain.substring(1, domain.length() - 1);
            return literal.regionMatches(true, 0, "IPv6:", 0, 5) ? isIpv6(literal.substring(5)) : isIpv4(literal);
        }
        return isHostname(domain);
    }

    /** RFC 1123 host name: dot-separated labels of 1–63 letters, digits and inner hyphens, 253 characters at most. */
    public static boolean isHostname(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad of decimal octets 0–255, without leading zeros (RFC 2673 section 3.2). */
    public static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 section 2.2 text forms: eight groups, one {@code ::}, an optional trailing IPv4 address. */
    public static boolean isIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int groups = 0;
        String[] headParts = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] tailParts = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        String[][] all = {headParts, tailParts};
        for (int side = 0; side < 2; side++) {
            String[] parts = all[side];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = side == (gap >= 0 ? 1 : 0) && i == parts.length - 1
                        && (side == 1 || gap < 0);
                if (last && p.contains(".")) {
                    if (!isIpv4(p)) {
                        return false;
                    }
                    groups += 2;
                } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(Formats::isHex)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
