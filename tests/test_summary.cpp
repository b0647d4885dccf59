// The printed summary: rows per layer and Keras's totals.
#include <ctnn/models/lenet5.hpp>
#include <doctest/doctest.h>

#include <sstream>

using namespace ctnn;

TEST_CASE("the Keras LeNet-5 summary prints Keras's totals and LeCun's connections") {
  std::ostringstream os;
  summary<models::LeNet5_Keras>(os);
  const std::string text = os.str();
  CHECK(text.find("Total params: 61,706") != std::string::npos);
  CHECK(text.find("Trainable params: 61,706") != std::string::npos);
  CHECK(text.find("Non-trainable params: 0") != std::string::npos);
  CHECK(text.find("Connections: 429,342") != std::string::npos);
  CHECK(text.find("(28, 28, 6)") != std::string::npos);
  CHECK(text.find("48,120") != std::string::npos);
}

TEST_CASE("the 1998 summary, with the paper's names, counts non-trainable RBF centres") {
  std::ostringstream os;
  summary<models::LeNet5_1998>(os, {.title = "LeNet-5 (1998)", .names = {"C1", "", "S2"}});
  const std::string text = os.str();
  CHECK(text.rfind("LeNet-5 (1998)\n", 0) == 0);
  CHECK(text.find("C1 (Conv2D)") != std::string::npos);
  CHECK(text.find("S2 (Subsample)") != std::string::npos);
  CHECK(text.find("1 (ScaledTanh)") != std::string::npos);
  CHECK(text.find("Trainable params: 60,000") != std::string::npos);
  CHECK(text.find("Non-trainable params: 840") != std::string::npos);
  CHECK(text.find("Connections: 340,908") != std::string::npos);
}

TEST_CASE("the sheet's convention leaves the biases out") {
  std::ostringstream os;
  summary<models::LeNet5_Sheet<MaxPool<2>>>(os, {.title = "", .names = {}, .without_bias = true});
  const std::string text = os.str();
  CHECK(text.find("117,600") != std::string::npos);
  CHECK(text.find("Total weights (no bias): 61,470") != std::string::npos);
  CHECK(text.find("Total connections (no bias): ") != std::string::npos);
}
