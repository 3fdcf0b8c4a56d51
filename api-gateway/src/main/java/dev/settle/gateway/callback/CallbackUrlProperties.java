package dev.settle.gateway.callback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowHttpLoopback accept {@code http://} callback URLs to a loopback host (development and
 *     tests only; production takes https only)
 */
@ConfigurationProperties("settle.gateway.callbacks")
public record CallbackUrlProperties(@DefaultValue("false") boolean allowHttpLoopback) {}
