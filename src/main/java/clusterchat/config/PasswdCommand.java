package clusterchat.config;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code clusterchat passwd}: reads a password (twice, without echo, at a terminal; one line from a
 * pipe) and prints its hash for irc.operators, so no operator password is ever written down in plain.
 */
public final class PasswdCommand {

  public static final String USAGE = """
      usage: clusterchat passwd          prints the hash of a password read from the terminal or stdin,
                                         for irc.operators ("NAME=HASH")
      """;

  private PasswdCommand() {
  }

  /** Runs the command; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    if (!args.isEmpty()) {
      err.print("clusterchat passwd: unexpected argument " + args.get(0) + "\n" + USAGE);
      return 2;
    }
    Console console = System.console();
    String password;
    if (console != null) {
      char[] first = console.readPassword("password: ");
      char[] again = console.readPassword("again: ");
      if (first == null || again == null || !Arrays.equals(first, again)) {
        err.println("clusterchat passwd: the passwords differ");
        return 1;
      }
      password = new String(first);
    } else {
      try {
        password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        err.println("clusterchat passwd: cannot read the password: " + e.getMessage());
        return 1;
      }
    }
    if (password == null || password.isEmpty()) {
      err.println("clusterchat passwd: no password given");
      return 1;
    }
    out.println(PasswordHash.hash(password));
    return 0;
  }
}
