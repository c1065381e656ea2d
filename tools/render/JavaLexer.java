package render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits Java source into tokens well enough to find comments, strings, braces and to colour code. */
public final class JavaLexer {
  /** What a token is. */
  public enum Kind { SPACE, LINE_COMMENT, BLOCK_COMMENT, DOC_COMMENT, STRING, CHAR, NUMBER, IDENT, KEYWORD, ANNOTATION, PUNCT }

  /** One token: {@code src.substring(start, end)}. */
  public record Token(Kind kind, int start, int end) {
    public String text(String src) {
      return src.substring(start, end);
    }
  }

  static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
      "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
      "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import",
      "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected",
      "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
      "throw", "throws", "transient", "try", "void", "volatile", "while", "var", "record", "yield",
      "true", "false", "null");

  private JavaLexer() {}

  /** Every token of {@code src}, in order, covering it completely. */
  public static List<Token> tokens(String src) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      int j;
      Kind kind;
      if (Character.isWhitespace(c)) {
        j = i + 1;
        while (j < n && Character.isWhitespace(src.charAt(j))) {
          j++;
        }
        kind = Kind.SPACE;
      } else if (src.startsWith("//", i)) {
        j = src.indexOf('\n', i);
        j = j < 0 ? n : j;
        kind = Kind.LINE_COMMENT;
      } else if (src.startsWith("/*", i)) {
        j = src.indexOf("*/", i + 2);
        j = j < 0 ? n : j + 2;
        kind = src.startsWith("/**", i) && !src.startsWith("/**/", i) ? Kind.DOC_COMMENT : Kind.BLOCK_COMMENT;
      } else if (src.startsWith("\"\"\"", i)) {
        j = src.indexOf("\"\"\"", i + 3);
        while (j > 0 && src.charAt(j - 1) == '\\') {
          j = src.indexOf("\"\"\"", j + 1);
        }
        j = j < 0 ? n : j + 3;
        kind = Kind.STRING;
      } else if (c == '"' || c == '\'') {
        j = i + 1;
        while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(n, j + 1);
        kind = c == '"' ? Kind.STRING : Kind.CHAR;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
        j = i + 1;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_' || src.charAt(j) == '.'
            || ((src.charAt(j) == '-' || src.charAt(j) == '+') && (src.charAt(j - 1) == 'e' || src.charAt(j - 1) == 'E')))) {
          j++;
        }
        kind = Kind.NUMBER;
      } else if (c == '@' && i + 1 < n && Character.isJavaIdentifierStart(src.charAt(i + 1))) {
        j = i + 1;
        while (j < n && (Character.isJavaIdentifierPart(src.charAt(j)) || src.charAt(j) == '.')) {
          j++;
        }
        kind = src.startsWith("@interface", i) ? Kind.KEYWORD : Kind.ANNOTATION;
      } else if (Character.isJavaIdentifierStart(c)) {
        j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
          j++;
        }
        kind = KEYWORDS.contains(src.substring(i, j)) ? Kind.KEYWORD : Kind.IDENT;
      } else {
        j = i + 1;
        kind = Kind.PUNCT;
      }
      out.add(new Token(kind, i, j));
      i = j;
    }
    return out;
  }

  /** {@code code} as HTML with spans for keywords, strings, numbers, comments, annotations and type names. */
  public static String highlight(String code) {
    StringBuilder html = new StringBuilder();
    for (Token t : tokens(code)) {
      String text = Html.escape(t.text(code));
      String cls = switch (t.kind()) {
        case LINE_COMMENT, BLOCK_COMMENT, DOC_COMMENT -> "c";
        case STRING, CHAR -> "s";
        case NUMBER -> "n";
        case KEYWORD -> "k";
        case ANNOTATION -> "a";
        case IDENT -> Character.isUpperCase(code.charAt(t.start())) ? "t" : null;
        default -> null;
      };
      if (cls == null) {
        html.append(text);
      } else {
        html.append("<span class=\"").append(cls).append("\">").append(text).append("</span>");
      }
    }
    return html.toString();
  }
}
