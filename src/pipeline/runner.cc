// Runner: reader → workers → ordered writer. Batches carry a sequence number;
// the writer waits for the next number, so output order is input order. A
// fixed pool of batch slots bounds memory: the reader blocks when every slot
// is in flight. However many workers there are, reading and writing have
// threads of their own and overlap with processing.
#include "pipeline/runner.h"

#include <pthread.h>
#include <signal.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "io/line_reader.h"
#include "io/output_file.h"
#include "util/byte_buffer.h"

namespace recproc {

namespace {

struct Slot {
  uint64_t seq = 0;
  Batch batch;
  ByteBuffer out;
  ByteBuffer failed;
  bool done = false;
};

// Runs the pipeline over the slot's batch into its cleared output buffers.
void Process(const Pipeline& pipeline, Pipeline::Worker* worker, bool separate_failed, Slot* slot) {
  slot->out.clear();
  slot->failed.clear();
  pipeline.ProcessBatch(slot->batch, worker, &slot->out, separate_failed ? &slot->failed : &slot->out);
}

// Reads up to `max_lines` lines into the batch. Returns false at the end of
// the input (the batch may still hold lines).
bool FillBatch(LineReader* reader, size_t max_lines, Batch* batch) {
  batch->Clear();
  batch->source = reader->name();
  struct Span {
    size_t start, len;
  };
  std::string_view line;
  LineInfo info;
  bool more = true;
  thread_local std::vector<Span> spans;
  spans.clear();
  while (batch->messages.size() < max_lines && batch->storage.size() < (8u << 20)) {
    if (!reader->Next(&line, &info)) {
      more = false;
      break;
    }
    spans.push_back({batch->storage.size(), line.size()});
    batch->storage.append(line);
    batch->messages.push_back(InputMessage{{}, info.number, info.offset, info.too_long, info.full_length});
  }
  // Views are made once the storage has stopped growing.
  for (size_t i = 0; i < spans.size(); ++i)
    batch->messages[i].text = std::string_view(batch->storage.data() + spans[i].start, spans[i].len);
  return more;
}

class Writer {
 public:
  Writer(OutputFile* out, OutputFile* failed) : out_(out), failed_(failed) {}
  // Returns false when output must stop (error or broken pipe).
  bool Write(const Slot& slot) {
    if (!status_.ok()) return false;
    if (!slot.out.empty()) status_ = out_->Write(slot.out.view());
    if (status_.ok() && failed_ != nullptr && !slot.failed.empty()) status_ = failed_->Write(slot.failed.view());
    return status_.ok();
  }
  Status status_;

 private:
  OutputFile* out_;
  OutputFile* failed_;
};

}  // namespace

RunResult RunPipeline(const Pipeline& pipeline, const RunRequest& request) {
  RunResult result;
  OutputFile out;
  OutputFile failed;
  result.output_status = out.Open(request.output);
  if (!result.output_status.ok()) return result;
  bool separate_failed = !request.failed_output.empty();
  if (separate_failed) {
    result.output_status = failed.Open(request.failed_output);
    if (!result.output_status.ok()) return result;
  }
  Writer writer(&out, separate_failed ? &failed : nullptr);
  std::vector<std::string> inputs = request.inputs;
  if (inputs.empty()) inputs.push_back("-");
  LineReaderOptions reader_options;
  reader_options.max_line_bytes = pipeline.max_line_bytes();

  unsigned threads = request.threads == 0 ? 1 : request.threads;
  std::vector<std::unique_ptr<Pipeline::Worker>> workers;
  for (unsigned t = 0; t < threads; ++t) workers.push_back(pipeline.NewWorker());

  // Shared by the reader, the workers and the writer.
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Slot*> free_slots, work;
  std::vector<std::unique_ptr<Slot>> slots;
  std::vector<Slot*> by_seq;  // ring indexed by seq % size
  // A slot per worker, one the reader fills and one the writer drains: each
  // slot holds a batch's output (MBs), so slots beyond that cost memory and
  // buy no throughput.
  size_t ring = threads + 2;
  for (size_t i = 0; i < ring; ++i) {
    slots.push_back(std::make_unique<Slot>());
    free_slots.push_back(slots.back().get());
  }
  by_seq.assign(ring, nullptr);
  bool reading_done = false;
  bool stop = false;
  uint64_t next_seq = 0, next_write = 0;

  std::vector<std::thread> pool;
  std::thread writer_thread;
  // Workers and the writer start with SIGINT/SIGTERM blocked, so a stop
  // signal is delivered to this (the reading) thread and interrupts a read
  // blocked on a quiet pipe.
  sigset_t stop_signals, saved_mask;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &saved_mask);
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      while (true) {
        Slot* slot;
        {
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return !work.empty() || reading_done || stop; });
          if (work.empty()) return;
          slot = work.front();
          work.pop_front();
        }
        Process(pipeline, workers[t].get(), separate_failed, slot);
        {
          std::lock_guard<std::mutex> lock(mu);
          slot->done = true;
        }
        cv.notify_all();
      }
    });
  }
  writer_thread = std::thread([&] {
    while (true) {
      Slot* slot;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] {
          Slot* s = by_seq[next_write % ring];
          return (s != nullptr && s->done) || (reading_done && next_write == next_seq);
        });
        slot = by_seq[next_write % ring];
        if (slot == nullptr || !slot->done) return;
      }
      bool ok = writer.Write(*slot);
      {
        std::lock_guard<std::mutex> lock(mu);
        by_seq[next_write % ring] = nullptr;
        ++next_write;
        free_slots.push_back(slot);
        if (!ok) stop = true;
      }
      cv.notify_all();
    }
  });
  pthread_sigmask(SIG_SETMASK, &saved_mask, nullptr);

  auto interrupted = [&] { return request.stop_signal != nullptr && *request.stop_signal != 0; };
  reader_options.stop_signal = request.stop_signal;
  uint64_t bytes_before = 0, lines_read = 0;  // for request.progress
  for (const std::string& path : inputs) {
    if (stop || interrupted()) break;
    LineReader reader;
    Status s = reader.Open(path, reader_options);
    ++workers[0]->stats.inputs;
    if (!s.ok()) {
      std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
      ++workers[0]->stats.input_errors;
      result.input_failed = true;
      continue;
    }
    bool more = true;
    while (more && !stop && !interrupted()) {
      if (request.progress != nullptr) request.progress->Advance(bytes_before + reader.raw_bytes_read(), lines_read);
      Slot* slot;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return !free_slots.empty() || stop; });
        if (stop) break;
        slot = free_slots.front();
        free_slots.pop_front();
      }
      slot->done = false;
      more = FillBatch(&reader, request.batch_lines, &slot->batch);
      lines_read += slot->batch.messages.size();
      {
        std::lock_guard<std::mutex> lock(mu);
        slot->seq = next_seq++;
        by_seq[slot->seq % ring] = slot;
        work.push_back(slot);
      }
      cv.notify_all();
    }
    bytes_before += reader.raw_bytes_read();
    if (request.progress != nullptr) request.progress->Advance(bytes_before, lines_read);
    if (!reader.status().ok() && !interrupted()) {
      std::fprintf(stderr, "recproc: %s\n", reader.status().message().c_str());
      ++workers[0]->stats.input_errors;
      result.input_failed = true;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    reading_done = true;
  }
  cv.notify_all();
  for (std::thread& t : pool) t.join();
  writer_thread.join();
  if (request.progress != nullptr) request.progress->Finish();
  for (const auto& w : workers) result.stats.Merge(w->stats);
  result.broken_pipe = out.broken_pipe();
  result.output_status = writer.status_;
  if (interrupted()) {
    // Finished batches reach stdout; a named file is not installed half
    // done (the OutputFile destructor removes its temporary file).
    result.interrupted = *request.stop_signal;
    if (result.output_status.ok() && request.output == "-") result.output_status = out.Commit();
    if (result.output_status.ok() && separate_failed && request.failed_output == "-")
      result.output_status = failed.Commit();
    return result;
  }
  if (result.output_status.ok()) result.output_status = out.Commit();
  if (result.output_status.ok() && separate_failed) result.output_status = failed.Commit();
  return result;
}

}  // namespace recproc
