package dev.instacrud.generator.model;

/**
 * A place in the spec file, 1-based, as an editor shows it.
 *
 * @param line   line number, from 1
 * @param column column number, from 1
 */
public record Position(int line, int column) implements Comparable<Position> {

    /** The start of the file, for problems that have no better place. */
    public static final Position START = new Position(1, 1);

    @Override
    public int compareTo(Position other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
