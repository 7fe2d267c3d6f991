package jlab.shell;

public final class Main {
    public static void main(String[] args) {
        System.out.println("jlab");
    }
}
