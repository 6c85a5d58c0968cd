package dev.multilora.server;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecCommandExecutor;
import org.apache.camel.component.exec.ExecResult;

/**
 * camel-exec's executor for the vLLM server. The default executor blocks until the program exits
 * and holds all its output in memory; a server never exits on its own, so this one hands the
 * command to the {@link ServerSupervisor}, which runs it in the background with output to a log
 * file, and returns once the server is ready.
 */
public final class ServerLauncher implements ExecCommandExecutor {
    private final ServerSupervisor supervisor;

    public ServerLauncher(ServerSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public ExecResult execute(ExecCommand command) {
        List<String> argv = new ArrayList<>();
        argv.add(command.getExecutable());
        argv.addAll(command.getArgs());
        try {
            ServerProcess process = supervisor.launch(argv);
            String status = "server ready, pid " + process.pid() + ", log " + process.logFile() + "\n";
            return new ExecResult(command, new ByteArrayInputStream(status.getBytes(StandardCharsets.UTF_8)), null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerFailedException("interrupted while starting the server");
        } catch (java.io.IOException e) {
            throw new ServerFailedException("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
    }
}
