package dev.convnet.examples.zoo;

import dev.convnet.examples.zoo.Arch.Maps;

/** The zoo's networks tallied with {@link Arch}, each from its paper or torchvision's model code. */
final class ZooArchitectures {
  private ZooArchitectures() {}

  private static final Maps IMAGE = new Maps(3, 224, 224);

  /** Krizhevsky 2012 at 227×227; {@code groups} 2 splits conv2, conv4 and conv5 into the two towers. */
  static Arch alexNet(int groups) {
    Arch a = new Arch();
    Maps x = a.conv(new Maps(3, 227, 227), 96, 11, 4, 0);
    x = Arch.pool(x, 3, 2, 0, false);
    x = a.conv(x, 256, 5, 1, 2, groups, true);
    x = Arch.pool(x, 3, 2, 0, false);
    x = a.conv(x, 384, 3, 1, 1);
    x = a.conv(x, 384, 3, 1, 1, groups, true);
    x = a.conv(x, 256, 3, 1, 1, groups, true);
    x = Arch.pool(x, 3, 2, 0, false);
    classifier(a, x, 4096, 4096, 1000);
    return a;
  }

  /** torchvision's {@code alexnet}. */
  static Arch alexNetTorchvision() {
    Arch a = new Arch();
    Maps x = a.conv(IMAGE, 64, 11, 4, 2);
    x = Arch.pool(x, 3, 2, 0, false);
    x = a.conv(x, 192, 5, 1, 2);
    x = Arch.pool(x, 3, 2, 0, false);
    x = a.conv(x, 384, 3, 1, 1);
    x = a.conv(x, 256, 3, 1, 1);
    x = a.conv(x, 256, 3, 1, 1);
    classifier(a, Arch.pool(x, 3, 2, 0, false), 4096, 4096, 1000);
    return a;
  }

  /** torchvision's {@code vgg16}: configuration D. */
  static Arch vgg16() {
    Arch a = new Arch();
    Maps x = IMAGE;
    int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    for (int[] stage : stages) {
      for (int filters : stage) {
        x = a.conv(x, filters, 3, 1, 1);
      }
      x = Arch.pool(x, 2, 2, 0, false);
    }
    classifier(a, x, 4096, 4096, 1000);
    return a;
  }

  private static void classifier(Arch a, Maps x, int... units) {
    for (int u : units) {
      x = a.dense(x, u);
    }
  }

  /** torchvision's {@code googlenet} without auxiliary heads; modules from the paper's table 1. */
  static Arch googLeNet() {
    Arch a = new Arch();
    Maps x = basicConv(a, IMAGE, 64, 7, 2, 3);
    x = Arch.pool(x, 3, 2, 0, true);
    x = basicConv(a, x, 64, 1, 1, 0);
    x = basicConv(a, x, 192, 3, 1, 1);
    x = Arch.pool(x, 3, 2, 0, true);
    x = inception(a, x, 64, 96, 128, 16, 32, 32);
    x = inception(a, x, 128, 128, 192, 32, 96, 64);
    x = Arch.pool(x, 3, 2, 0, true);
    x = inception(a, x, 192, 96, 208, 16, 48, 64);
    x = inception(a, x, 160, 112, 224, 24, 64, 64);
    x = inception(a, x, 128, 128, 256, 24, 64, 64);
    x = inception(a, x, 112, 144, 288, 32, 64, 64);
    x = inception(a, x, 256, 160, 320, 32, 128, 128);
    x = Arch.pool(x, 2, 2, 0, true);
    x = inception(a, x, 256, 160, 320, 32, 128, 128);
    x = inception(a, x, 384, 192, 384, 48, 128, 128);
    a.dense(Arch.globalPool(x), 1000);
    return a;
  }

  /** One module: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5 (a 3×3 in torchvision), pool proj. */
  private static Maps inception(Arch a, Maps x, int n1, int r3, int n3, int r5, int n5, int pool) {
    Maps b1 = basicConv(a, x, n1, 1, 1, 0);
    Maps b2 = basicConv(a, basicConv(a, x, r3, 1, 1, 0), n3, 3, 1, 1);
    Maps b3 = basicConv(a, basicConv(a, x, r5, 1, 1, 0), n5, 3, 1, 1);
    Maps b4 = basicConv(a, Arch.pool(x, 3, 1, 1, true), pool, 1, 1, 0);
    return Arch.concat(b1, b2, b3, b4);
  }

  private static Maps basicConv(Arch a, Maps x, int filters, int kernel, int stride, int pad) {
    return a.batchNorm(a.convNoBias(x, filters, kernel, stride, pad));
  }

  /** torchvision's ResNet: {@code blocks} per stage, bottlenecks (v1.5) or basic blocks. */
  static Arch resNet(int[] blocks, boolean bottleneck) {
    Arch a = new Arch();
    Maps x = Arch.pool(basicConvStem(a), 3, 2, 1, false);
    int expansion = bottleneck ? 4 : 1;
    for (int stage = 0; stage < 4; stage++) {
      int width = 64 << stage;
      for (int i = 0; i < blocks[stage]; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        Maps shortcut = x;
        if (stride != 1 || x.c() != width * expansion) {
          shortcut = a.batchNorm(a.convNoBias(x, width * expansion, 1, stride, 0));
        }
        Maps y;
        if (bottleneck) {
          y = a.batchNorm(a.convNoBias(x, width, 1, 1, 0));
          y = a.batchNorm(a.convNoBias(y, width, 3, stride, 1));
          y = a.batchNorm(a.convNoBias(y, width * 4, 1, 1, 0));
        } else {
          y = a.batchNorm(a.convNoBias(x, width, 3, stride, 1));
          y = a.batchNorm(a.convNoBias(y, width, 3, 1, 1));
        }
        if (!y.equals(shortcut)) {
          throw new IllegalStateException(y + " + " + shortcut);
        }
        x = y;
      }
    }
    a.dense(Arch.globalPool(x), 1000);
    return a;
  }

  /**
   * He et al. 2016's CIFAR ResNet with {@code 6n + 2} layers ({@code n} basic blocks per stage; ResNet-20: n = 3):
   * 16, 32, 64 maps on 32×32, 16×16, 8×8, projection shortcuts (option B) where the shape changes.
   */
  static Arch cifarResNet(int n) {
    Arch a = new Arch();
    Maps x = a.batchNorm(a.convNoBias(new Maps(3, 32, 32), 16, 3, 1, 1));
    for (int stage = 0; stage < 3; stage++) {
      int width = 16 << stage;
      for (int i = 0; i < n; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        Maps shortcut = x.c() == width && stride == 1 ? x : a.batchNorm(a.convNoBias(x, width, 1, stride, 0));
        Maps y = a.batchNorm(a.convNoBias(x, width, 3, stride, 1));
        y = a.batchNorm(a.convNoBias(y, width, 3, 1, 1));
        if (!y.equals(shortcut)) {
          throw new IllegalStateException(y + " + " + shortcut);
        }
        x = y;
      }
    }
    a.dense(Arch.globalPool(x), 10);
    return a;
  }

  private static Maps basicConvStem(Arch a) {
    return a.batchNorm(a.convNoBias(IMAGE, 64, 7, 2, 3));
  }

  /** torchvision's {@code densenet121}: growth 32, bn_size 4, blocks 6-12-24-16, compression 0.5. */
  static Arch denseNet121() {
    Arch a = new Arch();
    Maps x = Arch.pool(basicConvStem(a), 3, 2, 1, false);
    int[] blocks = {6, 12, 24, 16};
    for (int block = 0; block < blocks.length; block++) {
      for (int layer = 0; layer < blocks[block]; layer++) {
        Maps y = a.convNoBias(a.batchNorm(x), 4 * 32, 1, 1, 0);
        y = a.convNoBias(a.batchNorm(y), 32, 3, 1, 1);
        x = Arch.concat(x, y);
      }
      if (block + 1 < blocks.length) {
        x = Arch.pool(a.convNoBias(a.batchNorm(x), x.c() / 2, 1, 1, 0), 2, 2, 0, false);
      }
    }
    a.dense(Arch.globalPool(a.batchNorm(x)), 1000);
    return a;
  }
}
