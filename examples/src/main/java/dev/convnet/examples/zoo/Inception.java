package dev.convnet.examples.zoo;

import dev.convnet.annotations.Block;
import dev.convnet.annotations.Concat;
import dev.convnet.annotations.Edge;
import dev.convnet.annotations.MaxPool;
import dev.convnet.annotations.Output;
import dev.convnet.annotations.Tensor;

/**
 * GoogLeNet's inception module as torchvision builds it: four branches over the same input, concatenated along
 * channels: a 1×1 unit of {@code W1} maps; 1×1 ({@code W2}) then 3×3 ({@code W3}); 1×1 ({@code W4}) then 3×3
 * ({@code W5}, where the paper has 5×5); a 3×3/1 max pool then 1×1 ({@code W6}). Each unit is a
 * {@link BasicConv1x1} or {@link BasicConv3x3} (conv without bias, batch norm, ReLU). Use it with the six filter
 * counts: {@code @Block(value = Inception.class, widths = {64, 96, 128, 16, 32, 32})} (inception 3a).
 */
public interface Inception {
  @Block(value = BasicConv1x1.class, width = Block.W1)
  Tensor branch1(Tensor x);

  @Block(value = BasicConv1x1.class, width = Block.W2)
  Tensor branch2a(Tensor x);

  @Block(value = BasicConv3x3.class, width = Block.W3)
  Tensor branch2b(Tensor branch2a);

  @Block(value = BasicConv1x1.class, width = Block.W4)
  Tensor branch3a(Tensor x);

  @Block(value = BasicConv3x3.class, width = Block.W5)
  Tensor branch3b(Tensor branch3a);

  @MaxPool(window = 3, stride = 1, pad = 1, edge = Edge.CEIL)
  Tensor branch4a(Tensor x);

  @Block(value = BasicConv1x1.class, width = Block.W6)
  Tensor branch4b(Tensor branch4a);

  @Output
  @Concat
  Tensor out(Tensor branch1, Tensor branch2b, Tensor branch3b, Tensor branch4b);
}
