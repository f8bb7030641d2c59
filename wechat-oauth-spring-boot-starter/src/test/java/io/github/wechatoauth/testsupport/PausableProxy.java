package io.github.wechatoauth.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port in front of a server (the local PostgreSQL or
 * MariaDB), which a test can pause: connections stay open and accepted, and no byte goes
 * through either way until it is resumed, as when the server hangs. Closing it closes
 * every connection; the server behind is never touched.
 */
public final class PausableProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private volatile boolean paused;

	private PausableProxy(ServerSocket server, int targetPort) {
		this.server = server;
		this.targetPort = targetPort;
	}

	/**
	 * Starts a proxy to a port of the loopback address.
	 * @param targetPort the server's port
	 * @return the proxy
	 */
	public static PausableProxy to(int targetPort) {
		try {
			PausableProxy proxy = new PausableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
					targetPort);
			Thread acceptor = new Thread(proxy::accept, "pausable-proxy");
			acceptor.setDaemon(true);
			acceptor.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Holds every byte in either direction, and new connections' too. */
	public void pause() {
		this.paused = true;
	}

	/** Lets bytes through again. */
	public void resume() {
		synchronized (this.gate) {
			this.paused = false;
			this.gate.notifyAll();
		}
	}

	@Override
	public void close() {
		resume();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees its connection closed
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					awaitResumed();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// a side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "pausable-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private void awaitResumed() throws InterruptedException {
		synchronized (this.gate) {
			while (this.paused) {
				this.gate.wait();
			}
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

}
