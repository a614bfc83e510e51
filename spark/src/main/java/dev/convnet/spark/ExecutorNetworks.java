package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The network instances an executor JVM keeps between tasks.
 *
 * <ul>
 *   <li>Inference: one network per broadcast model per executor, built once from the broadcast's value (so the
 *       parameters exist once per executor), in inference mode, and one {@link CompiledNetwork#newWorker() worker} of
 *       it per task thread (own activation buffers, shared parameters). Entries go when the broadcast's value is
 *       collected.</li>
 *   <li>Training: one network of its own per task thread and network class; each task copies the step's broadcast
 *       parameters into it, so that a thread's buffers are reused from step to step and tasks of different steps
 *       never share parameters.</li>
 * </ul>
 */
final class ExecutorNetworks {
  private static final Map<ModelSnapshot, Shared> INFERENCE = new WeakHashMap<>();
  private static final ThreadLocal<Map<String, CompiledNetwork>> TRAINING = ThreadLocal.withInitial(HashMap::new);

  private ExecutorNetworks() {}

  /** This thread's inference worker of a model. */
  static CompiledNetwork inference(ModelSnapshot model) {
    Shared shared;
    synchronized (INFERENCE) {
      shared = INFERENCE.computeIfAbsent(model, Shared::new);
    }
    return shared.worker();
  }

  /** This thread's own training instance of a network class, parameters as the last task left them. */
  static CompiledNetwork training(String className) {
    return TRAINING.get().computeIfAbsent(className, c -> NetworkClasses.instantiate(c, null));
  }

  /** One model's network and its per-thread workers. */
  private static final class Shared {
    private final CompiledNetwork base;
    private final ThreadLocal<CompiledNetwork> workers;

    Shared(ModelSnapshot model) {
      base = model.newNetwork();
      base.setTraining(false); // batch norm from running statistics, dropout off; the workers share the flag
      workers = ThreadLocal.withInitial(this::newWorker);
    }

    private CompiledNetwork newWorker() {
      synchronized (this) {
        return base.newWorker();
      }
    }

    CompiledNetwork worker() {
      return workers.get();
    }
  }
}
