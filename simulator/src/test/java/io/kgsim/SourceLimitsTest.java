package io.kgsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the simulator's main classes small enough to read: no source file past
 * {@value #MAX_FILE_LINES} lines, no method, constructor or initializer body past
 * {@value #MAX_BODY_LINES} lines, counted from its declaration line (annotations and Javadoc
 * excluded) to its closing brace. Lambdas and local blocks count toward the method that holds
 * them; the methods of a nested, local or anonymous class are measured on their own.
 */
class SourceLimitsTest {

    static final int MAX_FILE_LINES = 500;
    static final int MAX_BODY_LINES = 40;

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void mainSourcesStayWithinTheLimits() {
        List<String> breaches = new ArrayList<>();
        int bodies = 0;
        for (Path file : mainSources()) {
            String source = read(file);
            bodies += BodyScanner.bodies(source).size();
            breaches.addAll(breaches(file, source));
        }
        // A scanner that silently found nothing would pass every file.
        assertTrue(bodies > 500, "the scanner found only " + bodies + " method bodies in " + MAIN);
        if (!breaches.isEmpty()) {
            fail("Split these into smaller classes or well-named steps:\n  " + String.join("\n  ", breaches));
        }
    }

    /** Braces in strings, text blocks, character literals and comments are not code. */
    @Test
    void scannerIgnoresBracesInLiteralsAndComments() {
        String source = """
                class A {
                    // a stray { in a comment
                    /* and } here */
                    void m() {
                        String s = "}}}{";
                        char c = '}';
                        char q = '\\'';
                        String t = \"""
                            { "quoted \\\""" brace" }
                            \""";
                    }
                    int n() { return 1; }
                }
                """;
        assertEquals(List.of(new Body("m", 4, 11), new Body("n", 12, 12)), BodyScanner.bodies(source));
    }

    /** Lambdas belong to their method; nested and anonymous classes' methods stand alone. */
    @Test
    void scannerMeasuresNestedClassesOnTheirOwnAndLambdasWithTheirMethod() {
        String source = """
                record R(int a) {
                    R {
                        if (a < 0) { throw new IllegalArgumentException(); }
                    }
                    @Override
                    public String toString(
                            ) throws RuntimeException {
                        Runnable r = () -> {
                            System.out.println();
                        };
                        Object o = new Object() {
                            @Override public int hashCode() {
                                return 2;
                            }
                        };
                        for (int i = 0; i < a; i++) { r.run(); }
                        return "";
                    }
                    static final int[] TABLE = { 1, 2 };
                    static { System.gc(); }
                    enum E { X { void f() { } }, Y; void g() { } }
                    interface I { default void h() { } }
                }
                """;
        assertEquals(List.of(new Body("R", 2, 4), new Body("toString", 6, 18), new Body("hashCode", 12, 14),
                new Body("static", 20, 20), new Body("f", 21, 21), new Body("g", 21, 21),
                new Body("h", 22, 22)), BodyScanner.bodies(source));
    }

    private static List<String> breaches(Path file, String source) {
        List<String> breaches = new ArrayList<>();
        String where = file.toString().replace('\\', '/');
        long lines = source.lines().count();
        if (lines > MAX_FILE_LINES) {
            breaches.add(where + ":1: " + lines + " lines (limit " + MAX_FILE_LINES + ")");
        }
        for (Body body : BodyScanner.bodies(source)) {
            if (body.lines() > MAX_BODY_LINES) {
                breaches.add(where + ":" + body.firstLine() + ": " + body.name() + " is " + body.lines()
                        + " lines (limit " + MAX_BODY_LINES + ")");
            }
        }
        return breaches;
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A method, constructor or initializer body: its name and first and last line (1-based). */
    record Body(String name, int firstLine, int lastLine) {
        int lines() {
            return lastLine - firstLine + 1;
        }
    }

    /**
     * Finds the bodies of methods, constructors (compact ones included) and initializers in one
     * Java source file by matching braces, once comments and literals are blanked. Not a parser:
     * it assumes no unicode escapes and no declaration hidden behind a label or a macro-like trick.
     */
    static final class BodyScanner {

        private static final Pattern TYPE_HEADER = Pattern.compile(
                "(?<![\\w.$])((class|interface|enum)\\s+[A-Za-z_$]|record\\s+[A-Za-z_$][\\w$]*\\s*[(<])");
        private static final Pattern ENUM_HEADER = Pattern.compile("(?<![\\w.$])enum\\s+[A-Za-z_$]");

        private enum Kind { TYPE, ENUM_CONSTANTS, BODY, OTHER }

        /** An open brace: what it opens, and for a body where it was declared. */
        private record Frame(Kind kind, String name, int firstLine, int outerParens) { }

        private final String code;
        private final List<Body> found = new ArrayList<>();
        private final Deque<Frame> open = new ArrayDeque<>();
        private int parens;
        private int headerStart;

        private BodyScanner(String source) {
            this.code = blankLiteralsAndComments(source);
        }

        /** The bodies in the order their declarations start. */
        static List<Body> bodies(String source) {
            BodyScanner scanner = new BodyScanner(source);
            scanner.scan();
            scanner.found.sort(Comparator.comparingInt(Body::firstLine));
            return scanner.found;
        }

        private void scan() {
            for (int i = 0; i < code.length(); i++) {
                switch (code.charAt(i)) {
                    case '(' -> parens++;
                    case ')' -> parens--;
                    case ';' -> endStatement(i);
                    case '{' -> openBrace(i);
                    case '}' -> closeBrace(i);
                    default -> { }
                }
            }
        }

        private void endStatement(int at) {
            if (parens != 0) {
                return;
            }
            headerStart = at + 1;
            // The first ';' at an enum's own level ends its constants.
            if (!open.isEmpty() && open.peek().kind() == Kind.ENUM_CONSTANTS) {
                open.push(new Frame(Kind.TYPE, null, 0, open.pop().outerParens()));
            }
        }

        private void openBrace(int at) {
            int start = skipAnnotations(headerStart, at);
            String header = code.substring(start, at).strip();
            Frame parent = open.peek();
            Kind kind;
            String name = null;
            if (TYPE_HEADER.matcher(header).find() || isAnonymousClass(at)) {
                kind = ENUM_HEADER.matcher(header).find() ? Kind.ENUM_CONSTANTS : Kind.TYPE;
            } else if (parent != null && parent.kind() == Kind.ENUM_CONSTANTS && parens == 0) {
                kind = Kind.TYPE; // a constant's class body
            } else if (parent != null && parent.kind() == Kind.TYPE && parens == 0 && !hasTopLevel(header, '=')) {
                kind = Kind.BODY;
                name = bodyName(header);
            } else {
                kind = Kind.OTHER;
            }
            open.push(new Frame(kind, name, lineOf(start), parens));
            parens = 0;
            headerStart = at + 1;
        }

        private void closeBrace(int at) {
            Frame frame = open.pop();
            if (frame.kind() == Kind.BODY) {
                found.add(new Body(frame.name(), frame.firstLine(), lineOf(at)));
            }
            parens = frame.outerParens();
            headerStart = at + 1;
        }

        /** {@code new Type<...>(...) {}: the ')' before the brace closes a constructor call. */
        private boolean isAnonymousClass(int brace) {
            int i = skipSpaceBack(brace - 1);
            if (i < 0 || code.charAt(i) != ')') {
                return false;
            }
            i = skipSpaceBack(matchBack(i, '(', ')') - 1);
            if (i >= 0 && code.charAt(i) == '>') {
                i = skipSpaceBack(matchBack(i, '<', '>') - 1);
            }
            int end = i + 1;
            while (i >= 0 && (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.')) {
                i--;
            }
            if (end == i + 1) {
                return false;
            }
            i = skipSpaceBack(i);
            return i >= 2 && code.startsWith("new", i - 2) && (i < 3 || !Character.isJavaIdentifierPart(code.charAt(i - 3)));
        }

        private int matchBack(int close, char openChar, char closeChar) {
            int depth = 0;
            for (int i = close; i >= 0; i--) {
                char c = code.charAt(i);
                if (c == closeChar) {
                    depth++;
                } else if (c == openChar && --depth == 0) {
                    return i;
                }
            }
            return 0;
        }

        private int skipSpaceBack(int i) {
            while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
                i--;
            }
            return i;
        }

        /** Skips whitespace and leading annotations (with their arguments) of a declaration. */
        private int skipAnnotations(int from, int limit) {
            int i = from;
            while (true) {
                while (i < limit && Character.isWhitespace(code.charAt(i))) {
                    i++;
                }
                if (i >= limit || code.charAt(i) != '@' || code.startsWith("interface", i + 1)) {
                    return i;
                }
                i++;
                while (i < limit && (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.')) {
                    i++;
                }
                int afterName = i;
                while (i < limit && Character.isWhitespace(code.charAt(i))) {
                    i++;
                }
                i = i < limit && code.charAt(i) == '(' ? skipParens(i, limit) : afterName;
            }
        }

        private int skipParens(int open, int limit) {
            int depth = 0;
            for (int i = open; i < limit; i++) {
                if (code.charAt(i) == '(') {
                    depth++;
                } else if (code.charAt(i) == ')' && --depth == 0) {
                    return i + 1;
                }
            }
            return limit;
        }

        /** The identifier before the parameter list, "static"/"initializer", or a compact constructor's name. */
        private static String bodyName(String header) {
            if (header.isEmpty()) {
                return "initializer";
            }
            int paren = header.indexOf('(');
            String before = (paren < 0 ? header : header.substring(0, paren)).strip();
            String[] words = before.split("[^\\w$]+");
            return words.length == 0 ? header : words[words.length - 1];
        }

        private static boolean hasTopLevel(String header, char wanted) {
            int depth = 0;
            for (char c : header.toCharArray()) {
                if (c == '(' || c == '<') {
                    depth++;
                } else if (c == ')' || c == '>') {
                    depth--;
                } else if (c == wanted && depth == 0) {
                    return true;
                }
            }
            return false;
        }

        private int lineOf(int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (code.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /**
         * The source with the insides of comments, strings, text blocks and character literals
         * replaced by spaces (line breaks kept), so only code braces and parentheses remain.
         */
        static String blankLiteralsAndComments(String source) {
            StringBuilder out = new StringBuilder(source);
            int i = 0;
            while (i < source.length()) {
                if (source.startsWith("//", i)) {
                    int end = end(source, i + 2, "\n", false);
                    i = blank(out, i, end, end);
                } else if (source.startsWith("/*", i)) {
                    int end = end(source, i + 2, "*/", false);
                    i = blank(out, i, end, end);
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = end(source, i + 3, "\"\"\"", true);
                    i = blank(out, i + 3, end - 3, end);
                } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                    int end = end(source, i + 1, String.valueOf(source.charAt(i)), true);
                    i = blank(out, i + 1, end - 1, end);
                } else {
                    i++;
                }
            }
            return out.toString();
        }

        /** The index just after the delimiter that closes what starts before {@code from}. */
        private static int end(String source, int from, String delimiter, boolean escapes) {
            int i = from;
            while (i < source.length() && !source.startsWith(delimiter, i)) {
                i += escapes && source.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(source.length(), i + delimiter.length());
        }

        /** Blanks {@code [from, to)} except line breaks; returns {@code next}. */
        private static int blank(StringBuilder out, int from, int to, int next) {
            for (int i = from; i < to; i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
            return next;
        }
    }
}
